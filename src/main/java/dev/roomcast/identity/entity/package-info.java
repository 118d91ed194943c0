/** Who is behind a connection: the identity a handshake token proves, or an anonymous one. */
package dev.roomcast.identity.entity;
