package dev.roomcast.access.entity;

/** Who a REST endpoint is for (docs/protocol.md section 6 lists each endpoint's). */
public enum Audience {
  /** Anyone, without a credential (health, public rooms bound to the caller's address). */
  OPEN,
  /** Clients: a handshake token, or none where anonymous clients are allowed; the backend too. */
  CLIENTS,
  /** Only the backend: an API key or a JWT with the backend role. */
  BACKEND
}
