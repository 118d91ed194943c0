/**
 * Admitting a new socket (F3.1, F4.1, F4.2): authentication, per-IP limits and room checks before a
 * connection opens, the server-side rooms it starts in, and the client's address behind trusted
 * proxies.
 */
package dev.roomcast.handshake.control;
