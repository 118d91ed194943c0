package dev.roomcast.access.control;

import dev.roomcast.access.entity.Caller;
import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.identity.entity.VerifiedToken;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who is behind a REST request's {@code Authorization} header (B10). Credentials come only from
 * that header, never from cookies, so a page on another origin cannot make a browser send them. A
 * credential that is present but wrong is refused, never treated as none.
 */
@ApplicationScoped
public class CallerAuthentication {

  private static final String BEARER = "Bearer ";

  private BackendCredentials credentials;
  private TokenAuthentication tokens;

  protected CallerAuthentication() {}

  @Inject
  public CallerAuthentication(BackendCredentials credentials, TokenAuthentication tokens) {
    this.credentials = credentials;
    this.tokens = tokens;
  }

  /**
   * The caller an {@code Authorization} header (null if absent) proves.
   *
   * @throws RequestRejected UNAUTHORIZED for a malformed header, an unknown key or a bad token
   */
  public Caller identify(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Caller.ANONYMOUS;
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new RequestRejected(
          ErrorCode.UNAUTHORIZED, "Unauthorized: use Authorization: Bearer <credential>");
    }
    String credential = authorization.substring(BEARER.length()).trim();
    if (credential.isEmpty()) {
      throw new RequestRejected(ErrorCode.UNAUTHORIZED, "Unauthorized: empty bearer credential");
    }
    if (credentials.isApiKey(credential)) {
      return new Caller(Caller.Kind.BACKEND, "api-key");
    }
    if (credential.chars().filter(c -> c == '.').count() != 2) {
      throw new RequestRejected(
          ErrorCode.UNAUTHORIZED, "Unauthorized: neither an API key nor a token");
    }
    VerifiedToken token = tokens.verify(credential);
    return new Caller(
        token.isBackend() ? Caller.Kind.BACKEND : Caller.Kind.CLIENT, token.identity().userId());
  }
}
