package dev.roomcast.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.it.Tokens;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RequestRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TokenAuthenticationTest {

  private final TokenAuthentication optional = new TokenAuthentication(Tokens.SECRET, true);
  private final TokenAuthentication required = new TokenAuthentication(Tokens.SECRET, false);

  @Test
  void validTokenNamesItsUser() {
    Identity identity = optional.authenticate(Tokens.valid("ann"), "s1");
    assertEquals("ann", identity.userId());
    assertEquals("User ann", identity.userName());
    assertTrue(identity.authenticated());
  }

  @Test
  void noTokenIsAnonymousOnlyWhereAllowed() {
    assertFalse(optional.authenticate(null, "s1").authenticated());
    assertEquals("anon-s1", optional.authenticate("", "s1").userId());
    assertEquals(
        ErrorCode.UNAUTHORIZED,
        assertThrows(RequestRejected.class, () -> required.authenticate(null, "s1")).code());
  }

  @Test
  void forgedExpiredAndMalformedTokensAreRefusedEvenWhereAnonymousIsAllowed() {
    String forged = Tokens.sign("ann", "x".repeat(40), Instant.now().plusSeconds(600));
    String expired = Tokens.sign("ann", Tokens.SECRET, Instant.now().minusSeconds(600));
    for (String token : new String[] {forged, expired, "abc.def.ghi", "garbage"}) {
      assertEquals(
          ErrorCode.UNAUTHORIZED,
          assertThrows(RequestRejected.class, () -> optional.authenticate(token, "s1")).code(),
          token);
    }
  }

  @Test
  void shortSecretsAreAConfigurationError() {
    assertThrows(IllegalStateException.class, () -> new TokenAuthentication("short", true));
  }

  @Test
  void eachAlgorithmIsAcceptedOnlyWithASecretAsLongAsItsHash_F3_1() {
    Instant now = Instant.now();
    JWTClaimsSet claims = Tokens.claims("ann", now, now.plusSeconds(600)).build();
    // the IT secret: 39 bytes, enough for HS256 only
    assertEquals(List.of("HS256"), optional.acceptedAlgorithms());
    assertTrue(optional.describe().contains("HS384 needs a secret of at least 48 bytes"));
    assertTrue(optional.describe().contains("HS512 needs a secret of at least 64 bytes"));
    for (String algorithm : List.of("HS384", "HS512")) {
      RequestRejected refused =
          assertThrows(
              RequestRejected.class,
              () ->
                  optional.authenticate(
                      Tokens.signUnchecked(algorithm, claims, Tokens.SECRET), "s1"));
      assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
      assertTrue(
          refused
              .getMessage()
              .contains(
                  algorithm
                      + " needs a secret of at least "
                      + (algorithm.equals("HS384") ? 48 : 64)
                      + " bytes"),
          refused.getMessage());
    }

    String longSecret = "s".repeat(64);
    TokenAuthentication strong = new TokenAuthentication(longSecret, true);
    assertEquals(List.of("HS256", "HS384", "HS512"), strong.acceptedAlgorithms());
    for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
      assertEquals(
          "ann",
          strong.authenticate(Tokens.sign(algorithm, claims, longSecret), "s1").userId(),
          algorithm.getName());
    }
    TokenAuthentication medium = new TokenAuthentication("m".repeat(48), true);
    assertEquals(List.of("HS256", "HS384"), medium.acceptedAlgorithms());
  }

  @Test
  void tokensIssuedBeforeTheUsersCutoffAreRefused_F3_7() {
    Instant now = Instant.now();
    long cutoff = now.getEpochSecond();
    TokenAuthentication withCutoff =
        new TokenAuthentication(
            Tokens.SECRET,
            true,
            Duration.ofHours(24),
            user -> "ann".equals(user) ? OptionalLong.of(cutoff) : OptionalLong.empty(),
            Clock.systemUTC());
    Instant later = now.plusSeconds(600);
    String old = Tokens.sign("ann", Tokens.SECRET, now.minusSeconds(60), later);
    RequestRejected refused =
        assertThrows(RequestRejected.class, () -> withCutoff.authenticate(old, "s1"));
    assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
    assertTrue(refused.getMessage().contains("revoked"), refused.getMessage());

    // issued in the cut-off's second: passes (iat has one-second resolution)
    Identity fresh = withCutoff.authenticate(Tokens.sign("ann", Tokens.SECRET, now, later), "s2");
    assertEquals(cutoff, fresh.issuedAt());
    // another user is not affected
    assertEquals(
        "bob",
        withCutoff.authenticate(Tokens.sign("bob", Tokens.SECRET, now, later), "s3").userId());
    // without iat a token counts as issued at exp - 24 h: before the cut-off
    assertThrows(
        RequestRejected.class,
        () -> withCutoff.authenticate(Tokens.sign("ann", Tokens.SECRET, null, later), "s4"));
  }

  @Test
  void tokensLivingLongerThanTheMaximumAreRefused_F3_7() {
    Instant now = Instant.now();
    TokenAuthentication shortLived =
        new TokenAuthentication(
            Tokens.SECRET,
            true,
            Duration.ofHours(1),
            user -> OptionalLong.empty(),
            Clock.systemUTC());
    String tooLong = Tokens.sign("ann", Tokens.SECRET, now, now.plus(Duration.ofHours(2)));
    String noIatTooLong = Tokens.sign("ann", Tokens.SECRET, null, now.plus(Duration.ofHours(2)));
    String future = Tokens.sign("ann", Tokens.SECRET, now.plusSeconds(600), now.plusSeconds(900));
    for (String token : List.of(tooLong, noIatTooLong, future)) {
      assertEquals(
          ErrorCode.UNAUTHORIZED,
          assertThrows(RequestRejected.class, () -> shortLived.authenticate(token, "s1")).code());
    }
    Identity noIat =
        shortLived.authenticate(
            Tokens.sign("ann", Tokens.SECRET, null, now.plus(Duration.ofMinutes(30))), "s1");
    assertTrue(noIat.issuedAt() <= now.getEpochSecond() - 1800 + 1, "counted as issued early");
  }

  @Test
  void theBackendRoleClaimMakesABackendToken_B10() {
    assertTrue(optional.verify(Tokens.backend("app")).isBackend());
    assertFalse(optional.verify(Tokens.valid("ann")).isBackend());
  }
}
