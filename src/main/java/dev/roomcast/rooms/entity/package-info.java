/** The room metadata model that REST and WebSocket share, and the store's view of a room. */
package dev.roomcast.rooms.entity;
