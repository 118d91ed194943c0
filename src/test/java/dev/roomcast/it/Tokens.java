package dev.roomcast.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Handshake tokens for tests, signed with the secret arquillian.xml gives the server. */
public final class Tokens {

  /** The server's {@code roomcast.auth.secret} in the ITs. */
  public static final String SECRET = "it-secret-it-secret-it-secret-it-secret";

  private Tokens() {}

  /** A valid token for {@code userId}, good for an hour. */
  public static String valid(String userId) {
    return sign(userId, SECRET, Instant.now().plus(Duration.ofHours(1)));
  }

  public static String sign(String userId, String secret, Instant expires) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader(JWSAlgorithm.HS256),
              new JWTClaimsSet.Builder()
                  .subject(userId)
                  .claim("name", "User " + userId)
                  .expirationTime(Date.from(expires))
                  .build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
