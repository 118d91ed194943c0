/** Handshake authentication: verifying signed tokens (F3.1). */
package dev.roomcast.identity.control;
