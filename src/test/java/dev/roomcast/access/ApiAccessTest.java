package dev.roomcast.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.access.control.AllowedOrigins;
import dev.roomcast.access.control.ApiAccess;
import dev.roomcast.access.control.BackendCredentials;
import dev.roomcast.access.control.CallerAuthentication;
import dev.roomcast.access.entity.Audience;
import dev.roomcast.access.entity.Caller;
import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.it.Tokens;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.support.TestCredentials;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may call what over REST (B10), decided without a server. */
class ApiAccessTest {

  private static final Caller CLIENT = new Caller(Caller.Kind.CLIENT, "ann");
  private static final Caller BACKEND = new Caller(Caller.Kind.BACKEND, "api-key");
  private static final AllowedOrigins ANY = new AllowedOrigins(List.of("*"));

  private final CallerAuthentication callers =
      new CallerAuthentication(
          new BackendCredentials(List.of(TestCredentials.API_KEY), false),
          new TokenAuthentication(Tokens.SECRET, true));

  private static ErrorCode refusal(Runnable call) {
    return assertThrows(RequestRejected.class, call::run).code();
  }

  @Test
  void backendEndpointsNeedABackendCredential_B10() {
    ApiAccess access = new ApiAccess(true, false, true, ANY);
    assertDoesNotThrow(() -> access.check(Audience.BACKEND, BACKEND));
    assertEquals(
        ErrorCode.UNAUTHORIZED, refusal(() -> access.check(Audience.BACKEND, Caller.ANONYMOUS)));
    assertEquals(ErrorCode.BACKEND_ONLY, refusal(() -> access.check(Audience.BACKEND, CLIENT)));
    assertDoesNotThrow(() -> access.check(Audience.CLIENTS, Caller.ANONYMOUS));
    assertDoesNotThrow(() -> access.check(Audience.CLIENTS, BACKEND));
    assertDoesNotThrow(() -> access.check(Audience.OPEN, Caller.ANONYMOUS));
  }

  @Test
  void withoutAnyBackendCredentialConfiguredBackendEndpointsRefuseEveryone_B10() {
    ApiAccess unconfigured = new ApiAccess(true, false, false, ANY);
    assertEquals(
        ErrorCode.BACKEND_NOT_CONFIGURED,
        refusal(() -> unconfigured.check(Audience.BACKEND, Caller.ANONYMOUS)));
    assertEquals(
        ErrorCode.BACKEND_NOT_CONFIGURED,
        refusal(() -> unconfigured.check(Audience.BACKEND, CLIENT)));
    ApiAccess development = new ApiAccess(true, true, false, ANY);
    assertDoesNotThrow(() -> development.check(Audience.BACKEND, Caller.ANONYMOUS));
    assertTrue(development.hasBackendRights(Caller.ANONYMOUS));
  }

  @Test
  void clientEndpointsNeedATokenWhereAnonymousClientsAreRefused_B10() {
    ApiAccess tokensOnly = new ApiAccess(false, false, true, ANY);
    assertEquals(
        ErrorCode.UNAUTHORIZED,
        refusal(() -> tokensOnly.check(Audience.CLIENTS, Caller.ANONYMOUS)));
    assertDoesNotThrow(() -> tokensOnly.check(Audience.CLIENTS, CLIENT));
    assertDoesNotThrow(() -> tokensOnly.check(Audience.OPEN, Caller.ANONYMOUS));
  }

  @Test
  void credentialsComeFromTheBearerHeaderAndBadOnesAreRefused_B10() {
    assertEquals(Caller.ANONYMOUS, callers.identify(null));
    assertEquals(Caller.Kind.BACKEND, callers.identify("Bearer " + TestCredentials.API_KEY).kind());
    assertEquals(Caller.Kind.BACKEND, callers.identify("bearer " + TestCredentials.API_KEY).kind());
    assertEquals(Caller.Kind.BACKEND, callers.identify("Bearer " + Tokens.backend("app")).kind());
    Caller client = callers.identify("Bearer " + Tokens.valid("ann"));
    assertEquals(new Caller(Caller.Kind.CLIENT, "ann"), client);
    for (String bad :
        List.of(
            "Bearer " + TestCredentials.API_KEY + "x",
            "Bearer not-a-key",
            "Bearer a.b.c",
            "Basic dXNlcjpwYXNz",
            "Bearer ",
            TestCredentials.API_KEY)) {
      assertEquals(ErrorCode.UNAUTHORIZED, refusal(() -> callers.identify(bad)), bad);
    }
  }

  @Test
  void apiKeysMustBeLongAndAreComparedWholly_B10() {
    assertThrows(
        IllegalStateException.class, () -> new BackendCredentials(List.of("short-key"), false));
    BackendCredentials two = new BackendCredentials(List.of("a".repeat(32), "b".repeat(40)), false);
    assertTrue(two.isApiKey("a".repeat(32)));
    assertTrue(two.isApiKey("b".repeat(40)));
    assertFalse(two.isApiKey("a".repeat(31)));
    assertFalse(two.isApiKey("a".repeat(33)));
    assertFalse(two.isApiKey(""));
  }

  @Test
  void mutatingCallsFromForeignOriginsAreRefused_B10() {
    ApiAccess access =
        new ApiAccess(
            true, false, true, new AllowedOrigins(List.of("https://app.example", "http://dev:*")));
    String own = "http://roomcast.example:8080";
    assertDoesNotThrow(() -> access.checkOrigin("POST", null, own));
    assertDoesNotThrow(() -> access.checkOrigin("POST", "https://app.example", own));
    assertDoesNotThrow(() -> access.checkOrigin("DELETE", "http://dev:3000", own));
    assertDoesNotThrow(() -> access.checkOrigin("POST", own, own));
    assertDoesNotThrow(() -> access.checkOrigin("GET", "https://evil.example", own));
    assertEquals(
        ErrorCode.ORIGIN_NOT_ALLOWED,
        refusal(() -> access.checkOrigin("POST", "https://evil.example", own)));
    assertEquals(
        ErrorCode.ORIGIN_NOT_ALLOWED, refusal(() -> access.checkOrigin("PATCH", "null", own)));
  }
}
