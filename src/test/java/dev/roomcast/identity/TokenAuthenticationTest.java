package dev.roomcast.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.identity.entity.Identity;
import dev.roomcast.it.Tokens;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import java.time.Instant;
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
}
