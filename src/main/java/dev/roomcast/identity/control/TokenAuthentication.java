package dev.roomcast.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.roomcast.config.control.Settings;
import dev.roomcast.identity.entity.VerifiedToken;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Turns a handshake token into an {@link Identity} (F3.1): an HMAC-signed JWT verified with
 * nimbus-jose-jwt against the configured secret, with {@code sub} and an unexpired {@code exp}
 * required. A present but bad token is always refused, even where anonymous connections are
 * allowed, so a client never silently loses its identity.
 *
 * <p>RFC 7518 (3.2) asks for a key at least as long as the hash, so each HMAC algorithm is accepted
 * only when the secret is long enough for it: HS256 from 32 bytes, HS384 from 48, HS512 from 64. A
 * token may live at most the configured maximum ({@code exp - iat}); a token without {@code iat}
 * counts as issued at {@code exp} minus that maximum, the earliest time the limit allows, so a
 * token cut-off (F3.7) never lets one through that might be older.
 */
@ApplicationScoped
public class TokenAuthentication {

  /** How far {@code exp} may lie in the past, and {@code iat} in the future, on another clock. */
  public static final Duration CLOCK_SKEW =
      Duration.ofSeconds(DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS);

  private static final Logger LOG = Logger.getLogger(TokenAuthentication.class.getName());

  // each HMAC algorithm and the shortest secret RFC 7518 allows for it
  private static final Map<JWSAlgorithm, Integer> MIN_SECRET_BYTES = minSecretBytes();

  private byte[] key;
  private Set<JWSAlgorithm> accepted = Set.of();
  private boolean anonymousAllowed;
  private long maxLifetimeSeconds;
  private Function<String, OptionalLong> cutoffs;
  private Clock clock;

  protected TokenAuthentication() {}

  @Inject
  public TokenAuthentication(Settings settings, TokenCutoffs cutoffs) {
    this(
        settings.authSecret(),
        settings.anonymousAllowed(),
        settings.maxTokenLifetime(),
        cutoffs::cutoff,
        Clock.systemUTC());
  }

  /** Without token cut-offs and with the default lifetime (24 h), for tests and tools. */
  public TokenAuthentication(String secret, boolean anonymousAllowed) {
    this(
        secret,
        anonymousAllowed,
        Duration.ofDays(1),
        userId -> OptionalLong.empty(),
        Clock.systemUTC());
  }

  /**
   * @param secret the HMAC secret, or null to accept no token
   * @param maxLifetime the longest a token may live
   * @param cutoffs a user's token cut-off (epoch seconds), if any
   * @throws IllegalStateException if the secret is shorter than 32 bytes
   */
  public TokenAuthentication(
      String secret,
      boolean anonymousAllowed,
      Duration maxLifetime,
      Function<String, OptionalLong> cutoffs,
      Clock clock) {
    this.anonymousAllowed = anonymousAllowed;
    this.maxLifetimeSeconds = maxLifetime.toSeconds();
    this.cutoffs = cutoffs;
    this.clock = clock;
    if (maxLifetimeSeconds <= 0) {
      throw new IllegalStateException("roomcast.auth.max.token.lifetime.seconds must be positive");
    }
    if (secret == null) {
      return;
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    int minimum = MIN_SECRET_BYTES.get(JWSAlgorithm.HS256);
    if (bytes.length < minimum) {
      throw new IllegalStateException(
          "roomcast.auth.secret (ROOMCAST_AUTH_SECRET) is "
              + bytes.length
              + " bytes; it must be at least "
              + minimum
              + " (RFC 7518: at least as long as the HS256 hash)");
    }
    this.key = bytes;
    this.accepted =
        MIN_SECRET_BYTES.entrySet().stream()
            .filter(e -> bytes.length >= e.getValue())
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether this server can verify tokens at all (a secret is configured). */
  public boolean acceptsTokens() {
    return key != null;
  }

  /** The algorithms accepted, e.g. {@code [HS256, HS384]}, in strength order. */
  public List<String> acceptedAlgorithms() {
    return MIN_SECRET_BYTES.keySet().stream()
        .filter(accepted::contains)
        .map(JWSAlgorithm::getName)
        .toList();
  }

  /** One line for the start-up log: what is accepted and why the rest is not. */
  public String describe() {
    if (key == null) {
      return "handshake tokens: none accepted (no roomcast.auth.secret)";
    }
    StringBuilder text =
        new StringBuilder("handshake tokens: ")
            .append(String.join(", ", acceptedAlgorithms()))
            .append(" accepted (secret ")
            .append(key.length)
            .append(" bytes");
    MIN_SECRET_BYTES.forEach(
        (algorithm, bytes) -> {
          if (!accepted.contains(algorithm)) {
            text.append("; ")
                .append(algorithm.getName())
                .append(" needs a secret of at least ")
                .append(bytes)
                .append(" bytes");
          }
        });
    return text.append("), lifetime at most ").append(maxLifetimeSeconds).append(" s").toString();
  }

  /** Logs {@link #describe()}: called at start-up so configuration errors show at once. */
  public void report() {
    LOG.info(describe());
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
    return verify(token).identity();
  }

  /**
   * Verifies a token: signature with an accepted algorithm, {@code sub}, {@code exp}, lifetime and
   * the user's token cut-off.
   *
   * @throws RequestRejected UNAUTHORIZED if any check fails
   */
  public VerifiedToken verify(String token) {
    if (key == null) {
      throw unauthorized("this server does not accept tokens");
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
      if (!accepted.contains(algorithm)) {
        throw unauthorized(refusedAlgorithm(algorithm));
      }
      if (!jwt.verify(new MACVerifier(key))) {
        throw unauthorized("bad signature");
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      DefaultJWTClaimsVerifier<SecurityContext> verifier =
          new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp")) {
            @Override
            protected Date currentTime() {
              return Date.from(clock.instant());
            }
          };
      verifier.verify(claims, null);
      long issuedAt = issuedAt(claims);
      String userId = claims.getSubject();
      OptionalLong cutoff = cutoffs.apply(userId);
      if (cutoff.isPresent() && issuedAt < cutoff.getAsLong()) {
        throw unauthorized(
            "token revoked (this user's tokens issued before "
                + Instant.ofEpochSecond(cutoff.getAsLong())
                + " are refused)");
      }
      String name = claims.getStringClaim("name");
      return new VerifiedToken(
          new Identity(userId, name == null ? userId : name, true, issuedAt), roles(claims));
    } catch (ParseException | BadJWTException | JOSEException e) {
      throw unauthorized(e.getMessage());
    }
  }

  /**
   * The token's issue time, or for a token without {@code iat} the earliest the lifetime allows.
   */
  private long issuedAt(JWTClaimsSet claims) {
    long now = clock.instant().getEpochSecond();
    long expires = claims.getExpirationTime().toInstant().getEpochSecond();
    Date iat = claims.getIssueTime();
    if (iat == null) {
      if (expires - now > maxLifetimeSeconds) {
        throw unauthorized(
            "a token without iat must expire within " + maxLifetimeSeconds + " s from now");
      }
      return expires - maxLifetimeSeconds;
    }
    long issued = iat.toInstant().getEpochSecond();
    if (issued > now + CLOCK_SKEW.toSeconds()) {
      throw unauthorized("token issued in the future (iat " + iat.toInstant() + ")");
    }
    if (expires - issued > maxLifetimeSeconds) {
      throw unauthorized(
          "token lives "
              + (expires - issued)
              + " s (exp - iat); at most "
              + maxLifetimeSeconds
              + " s are allowed");
    }
    return issued;
  }

  private static Set<String> roles(JWTClaimsSet claims) throws ParseException {
    Object value = claims.getClaim("roles");
    if (value == null) {
      return Set.of();
    }
    if (value instanceof String single) {
      return Set.of(single);
    }
    List<String> list = claims.getStringListClaim("roles");
    return list == null ? Set.of() : Set.copyOf(list);
  }

  private String refusedAlgorithm(JWSAlgorithm algorithm) {
    Integer needs = MIN_SECRET_BYTES.get(algorithm);
    String acceptedText = String.join(", ", acceptedAlgorithms());
    if (needs == null) {
      return "algorithm " + algorithm + " is not accepted; this server accepts " + acceptedText;
    }
    return algorithm
        + " needs a secret of at least "
        + needs
        + " bytes (RFC 7518); this server's secret is "
        + key.length
        + " bytes, so it accepts "
        + acceptedText;
  }

  private static RequestRejected unauthorized(String why) {
    return new RequestRejected(ErrorCode.UNAUTHORIZED, "Unauthorized: " + why);
  }

  private static Map<JWSAlgorithm, Integer> minSecretBytes() {
    Map<JWSAlgorithm, Integer> bytes = new LinkedHashMap<>();
    bytes.put(JWSAlgorithm.HS256, 32);
    bytes.put(JWSAlgorithm.HS384, 48);
    bytes.put(JWSAlgorithm.HS512, 64);
    return Collections.unmodifiableMap(bytes);
  }
}
