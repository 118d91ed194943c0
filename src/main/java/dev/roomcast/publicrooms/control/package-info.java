/**
 * Anonymous public rooms (seed 004): anonymous users bound to a hashed address, with their own
 * store port (in memory or Redis), REST join/leave, the socket's join-room/leave-room requests and
 * the idle ping/pong health check. Per-address connection limits are admission's, in handshake.
 */
package dev.roomcast.publicrooms.control;
