/**
 * The Socket.IO endpoint ({@code /socket.io/}, B9): Socket.IO clients connect unchanged and land on
 * the same connections, rooms and dispatcher as {@code /ws}. Above {@code sockets}, whose
 * dispatcher it uses; nothing imports it.
 */
package dev.roomcast.socketio.boundary;
