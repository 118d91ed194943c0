package dev.roomcast.access.control;

import dev.roomcast.access.entity.Audience;
import dev.roomcast.access.entity.Caller;
import dev.roomcast.config.control.Settings;
import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a caller may call an endpoint (B10). Backend endpoints need a backend credential, or the
 * insecure development mode; with no backend credential configured at all they refuse everyone
 * (secure by default). Client endpoints take a token, or none where anonymous clients are allowed.
 * A mutating call from a browser page whose origin is neither this server's nor allowed is refused.
 */
@ApplicationScoped
public class ApiAccess {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private boolean anonymousAllowed;
  private boolean insecure;
  private boolean backendConfigured;
  private AllowedOrigins origins;

  protected ApiAccess() {}

  @Inject
  public ApiAccess(Settings settings, BackendCredentials credentials, TokenAuthentication tokens) {
    this(
        settings.anonymousAllowed(),
        credentials.insecure(),
        credentials.keyCount() > 0 || tokens.acceptsTokens(),
        new AllowedOrigins(settings.allowedOrigins()));
  }

  /**
   * @param backendConfigured whether any backend credential can exist (an API key, or a secret that
   *     can sign backend JWTs)
   */
  public ApiAccess(
      boolean anonymousAllowed,
      boolean insecure,
      boolean backendConfigured,
      AllowedOrigins origins) {
    this.anonymousAllowed = anonymousAllowed;
    this.insecure = insecure;
    this.backendConfigured = backendConfigured;
    this.origins = origins;
  }

  /** Whether this caller has the backend's rights: its credential, or the development mode. */
  public boolean hasBackendRights(Caller caller) {
    return caller.isBackend() || insecure;
  }

  public boolean insecure() {
    return insecure;
  }

  /**
   * Lets the call through or refuses it.
   *
   * @throws RequestRejected UNAUTHORIZED (401) without a needed credential, BACKEND_ONLY (403) for
   *     a client's credential on a backend endpoint, BACKEND_NOT_CONFIGURED (403) when no backend
   *     credential exists at all
   */
  public void check(Audience audience, Caller caller) {
    switch (audience) {
      case OPEN -> {}
      case CLIENTS -> {
        if (caller.isAnonymous() && !anonymousAllowed && !insecure) {
          throw new RequestRejected(
              ErrorCode.UNAUTHORIZED, "Unauthorized: a token is required (Authorization: Bearer)");
        }
      }
      case BACKEND -> {
        if (hasBackendRights(caller)) {
          return;
        }
        if (!backendConfigured) {
          throw new RequestRejected(
              ErrorCode.BACKEND_NOT_CONFIGURED,
              "This server has no backend credential: set ROOMCAST_API_KEY (or ROOMCAST_AUTH_SECRET"
                  + " for backend JWTs), or ROOMCAST_API_INSECURE=true for development");
        }
        if (caller.isAnonymous()) {
          throw new RequestRejected(
              ErrorCode.UNAUTHORIZED,
              "Unauthorized: this endpoint needs a backend credential (Authorization: Bearer)");
        }
        throw new RequestRejected(
            ErrorCode.BACKEND_ONLY, "Only the backend may call this endpoint");
      }
    }
  }

  /**
   * Refuses a mutating call from a page of an origin that is neither allowed nor this server's own
   * ({@code ownOrigin}, e.g. {@code http://host:8080}).
   *
   * @throws RequestRejected ORIGIN_NOT_ALLOWED
   */
  public void checkOrigin(String method, String origin, String ownOrigin) {
    if (origin == null || SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      return;
    }
    if (origin.trim().equalsIgnoreCase(ownOrigin) || origins.allows(origin)) {
      return;
    }
    throw new RequestRejected(
        ErrorCode.ORIGIN_NOT_ALLOWED,
        "Origin " + origin + " may not change anything here (ROOMCAST_ALLOWED_ORIGINS)");
  }
}
