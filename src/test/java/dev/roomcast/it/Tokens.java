package dev.roomcast.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.roomcast.support.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Handshake tokens for tests, signed with the secret arquillian.xml gives the server. */
public final class Tokens {

  /** The server's {@code roomcast.auth.secret} in the ITs. */
  public static final String SECRET = TestCredentials.SECRET;

  private Tokens() {}

  /** A valid token for {@code userId}, good for an hour. */
  public static String valid(String userId) {
    return sign(userId, SECRET, Instant.now().plus(Duration.ofHours(1)));
  }

  /** A token issued now (with {@code iat}). */
  public static String sign(String userId, String secret, Instant expires) {
    return sign(userId, secret, Instant.now(), expires);
  }

  /** An HS256 token with {@code iat} = {@code issued} (null: none). */
  public static String sign(String userId, String secret, Instant issued, Instant expires) {
    return sign(JWSAlgorithm.HS256, claims(userId, issued, expires).build(), secret);
  }

  /** A backend token: {@code roles: ["backend"]} (B10), valid for an hour. */
  public static String backend(String userId) {
    Instant now = Instant.now();
    return sign(
        JWSAlgorithm.HS256,
        claims(userId, now, now.plus(Duration.ofHours(1)))
            .claim("roles", List.of("backend"))
            .build(),
        SECRET);
  }

  /**
   * A token signed with any HMAC algorithm, whatever the secret's length (nimbus refuses to sign
   * with a key shorter than the hash; a server must refuse such a token, RFC 7518).
   */
  public static String signUnchecked(String algorithm, JWTClaimsSet claims, String secret) {
    try {
      Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
      String header =
          base64.encodeToString(
              ("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
      String payload = base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
      String java = "Hmac" + algorithm.replace("HS", "SHA");
      Mac mac = Mac.getInstance(java);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), java));
      byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + base64.encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token with any algorithm and claims. */
  public static String sign(JWSAlgorithm algorithm, JWTClaimsSet claims, String secret) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code sub}, {@code name}, {@code exp} and (unless null) {@code iat}. */
  public static JWTClaimsSet.Builder claims(String userId, Instant issued, Instant expires) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(userId)
            .claim("name", "User " + userId)
            .expirationTime(Date.from(expires));
    return issued == null ? claims : claims.issueTime(Date.from(issued));
  }
}
