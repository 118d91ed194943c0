/**
 * Container adapters: how frames reach the wire on Tyrus (Payara) and the portable Jakarta
 * WebSocket path elsewhere, behind the connection core's {@code FrameSink} port. Only the socket
 * endpoints import this package; nothing in it knows rooms.
 */
package dev.roomcast.transport.control;
