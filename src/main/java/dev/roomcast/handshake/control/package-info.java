/**
 * Admitting a new socket (F3.1, F4.1, F4.2): authentication, per-address connection limits with
 * their own store port (in memory or Redis), room checks before a connection opens, and the
 * server-side rooms it starts in. Client addresses and origins are decided in access.
 */
package dev.roomcast.handshake.control;
