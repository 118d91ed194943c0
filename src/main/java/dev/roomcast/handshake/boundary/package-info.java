/**
 * What the WebSocket handshake offers the endpoints: the configurator, the client's address, the
 * forwarded-client filter (B3, F4.2).
 */
package dev.roomcast.handshake.boundary;
