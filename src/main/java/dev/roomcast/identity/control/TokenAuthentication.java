package dev.roomcast.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.roomcast.config.control.Settings;
import dev.roomcast.identity.entity.Identity;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Turns a handshake token into an {@link Identity} (F3.1): an HMAC-signed JWT (HS256/384/512)
 * verified with nimbus-jose-jwt against the configured secret, with {@code sub} and an unexpired
 * {@code exp} required. A present but bad token is always refused, even where anonymous connections
 * are allowed, so a client never silently loses its identity.
 */
@ApplicationScoped
public class TokenAuthentication {

  private static final Logger LOG = Logger.getLogger(TokenAuthentication.class.getName());
  private static final int MIN_SECRET_BYTES = 32;

  private DefaultJWTProcessor<SecurityContext> processor;
  private boolean anonymousAllowed;

  protected TokenAuthentication() {}

  @Inject
  public TokenAuthentication(Settings settings) {
    this(settings.authSecret(), settings.anonymousAllowed());
  }

  public TokenAuthentication(String secret, boolean anonymousAllowed) {
    this.anonymousAllowed = anonymousAllowed;
    if (secret == null) {
      LOG.info("no roomcast.auth.secret: handshake tokens cannot be verified");
      return;
    }
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "roomcast.auth.secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
    jwt.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512),
            new ImmutableSecret<>(key)));
    jwt.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp")));
    this.processor = jwt;
  }

  /**
   * The identity a connection with this token (null if none) gets.
   *
   * @throws RequestRejected UNAUTHORIZED for a bad token, or no token where one is required
   */
  public Identity authenticate(String token, String sid) {
    if (token == null || token.isBlank()) {
      if (!anonymousAllowed) {
        throw new RequestRejected(ErrorCode.UNAUTHORIZED, "Unauthorized: a token is required");
      }
      return Identity.anonymous(sid);
    }
    if (processor == null) {
      throw new RequestRejected(
          ErrorCode.UNAUTHORIZED, "Unauthorized: this server does not accept tokens");
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      String name = claims.getStringClaim("name");
      return new Identity(claims.getSubject(), name == null ? claims.getSubject() : name, true);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new RequestRejected(ErrorCode.UNAUTHORIZED, "Unauthorized: " + e.getMessage());
    }
  }
}
