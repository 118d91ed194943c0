/**
 * Identity (F3.1, F3.7): verifying handshake tokens, token cut-offs with their own store port (in
 * memory or Redis), and kicks that reach a user's connections on every node. Sits above the
 * connection core, below access and the room components.
 */
package dev.roomcast.identity.control;
