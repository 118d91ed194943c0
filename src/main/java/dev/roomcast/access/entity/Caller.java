package dev.roomcast.access.entity;

/**
 * Who made a REST request, as its {@code Authorization} header proves.
 *
 * @param kind anonymous (no header), a client (a handshake token) or the backend (an API key or a
 *     JWT with the backend role)
 * @param name the token's user id, {@code api-key} for an API key, null when anonymous
 */
public record Caller(Kind kind, String name) {

  /** The kinds of caller. */
  public enum Kind {
    ANONYMOUS,
    CLIENT,
    BACKEND
  }

  public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null);

  public boolean isBackend() {
    return kind == Kind.BACKEND;
  }

  public boolean isAnonymous() {
    return kind == Kind.ANONYMOUS;
  }
}
