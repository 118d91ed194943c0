/**
 * The room metadata model that REST and WebSocket share, the store's view of a room and its stream,
 * and what crosses the distribution port.
 */
package dev.roomcast.rooms.entity;
