/** The WebSocket endpoint clients connect to. */
package dev.roomcast.connection.boundary;
