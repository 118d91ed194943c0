package dev.roomcast.support;

/**
 * The credentials every test server is configured with (arquillian.xml, {@link PayaraNode}), so
 * test clients are the backend by default (B10).
 */
public final class TestCredentials {

  /** The servers' {@code roomcast.auth.secret}: 39 bytes, so HS256 only (HS384 needs 48). */
  public static final String SECRET = "it-secret-it-secret-it-secret-it-secret";

  /** The servers' {@code roomcast.api.key}: the backend's credential. */
  public static final String API_KEY = "it-api-key-it-api-key-it-api-key-0001";

  private TestCredentials() {}
}
