/**
 * What the Socket.IO endpoint reads and writes, as data: one inbound packet and the refusal of a
 * malformed one.
 */
package dev.roomcast.socketio.entity;
