/**
 * Engine.IO v4 / Socket.IO v5 in front of the connection core: reading the client's packets,
 * turning events into roomcast envelopes and envelopes into Socket.IO packets (once per message,
 * shared by every Socket.IO member), the sink between outbox and session, and Engine.IO's
 * heartbeat.
 */
package dev.roomcast.socketio.control;
