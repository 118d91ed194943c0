package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.roomcast.support.TestCredentials;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call what over REST (B10), token algorithms (F3.1) and token cut-offs (F3.7), against the
 * deployed WAR: the server has the test API key and secret (arquillian.xml), anonymous clients are
 * allowed, origins {@code http://allowed.example} and {@code http://127.0.0.1:*}.
 */
class ApiAuthorizationIT extends RoomcastIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The backend's endpoints, each with a body that would change something if let through. */
  private List<String[]> backendCalls(String roomId) {
    return List.of(
        new String[] {"POST", "rooms", "{\"id\":\"" + uniqueRoomId("sneaky") + "\"}"},
        new String[] {"PATCH", "rooms/" + roomId, "{\"description\":\"defaced\"}"},
        new String[] {"POST", "rooms/" + roomId + "/frames", "{\"count\":5}"},
        new String[] {"DELETE", "rooms/" + roomId + "/frames?count=1", null},
        new String[] {
          "POST", "rooms/" + roomId + "/events", "{\"type\":\"frame_update\",\"data\":{}}"
        },
        new String[] {"PUT", "default-room", "{\"roomId\":\"" + roomId + "\"}"},
        new String[] {"DELETE", "default-room", null},
        new String[] {"POST", "events", "{\"room\":\"all-jobs\",\"type\":\"x\",\"data\":{}}"},
        new String[] {"POST", "users/victim/events", "{\"type\":\"x\",\"data\":{}}"},
        new String[] {"POST", "users/victim/kick", "{}"},
        new String[] {"POST", "users/victim/revoke-tokens", "{}"},
        new String[] {
          "POST", "public/rooms/" + roomId + "/broadcast", "{\"type\":\"x\",\"data\":{}}"
        },
        new String[] {"GET", "stats", null},
        new String[] {"DELETE", "rooms/" + roomId, null});
  }

  private static RestClient.Reply call(RestClient client, String[] call) {
    return switch (call[0]) {
      case "GET" -> client.get(call[1]);
      case "POST" -> client.post(call[1], call[2]);
      case "PUT" -> client.put(call[1], call[2]);
      case "PATCH" -> client.patch(call[1], call[2]);
      case "DELETE" -> client.delete(call[1]);
      default -> throw new IllegalArgumentException(call[0]);
    };
  }

  @Test
  void backendEndpointsRefuseCallersWithoutABackendCredential_B10() throws Exception {
    String roomId = createRoom("guarded");
    RestClient anonymous = rest().withoutCredentials();
    RestClient client = rest().withBearer(Tokens.valid("mallory"));
    try (WsClient victim = WsClient.connect(base(), "ws?token=" + Tokens.valid("victim"))) {
      for (String[] attempt : backendCalls(roomId)) {
        String what = attempt[0] + " " + attempt[1];
        RestClient.Reply refused = call(anonymous, attempt);
        assertEquals(401, refused.status(), what);
        assertEquals("UNAUTHORIZED", refused.object().getString("code"), what);
        RestClient.Reply forbidden = call(client, attempt);
        assertEquals(403, forbidden.status(), what);
        assertEquals("BACKEND_ONLY", forbidden.object().getString("code"), what);
      }
      // nothing was applied: the room is as created, the victim still connected
      JsonObject room = rest().get("rooms/" + roomId).object();
      assertEquals(0, room.getInt("frameCount"));
      assertTrue(room.isNull("description"));
      victim.send("client_ping", null, null, null);
      victim.await("client_pong");
    }
    assertEquals(401, anonymous.getRaw("metrics").statusCode());
    assertEquals(403, client.getRaw("metrics").statusCode());
    HttpResponse<String> raw = anonymous.getRaw("stats");
    assertEquals(401, raw.statusCode());
    assertTrue(
        raw.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
        "401 names the scheme");
  }

  @Test
  void apiKeyAndBackendTokensMayCallTheBackendEndpoints_B10() {
    for (RestClient backend :
        List.of(rest(), rest().withBearer(Tokens.backend("billing-service")))) {
      String id = uniqueRoomId("backend");
      assertEquals(201, backend.post("rooms", "{\"id\":\"" + id + "\"}").status());
      assertEquals(200, backend.get("stats").status());
      assertEquals(200, backend.getRaw("metrics").statusCode());
      assertEquals(200, backend.get("rooms?includeHidden=true").status());
      assertEquals(204, backend.delete("rooms/" + id).status());
    }
    for (String wrong :
        List.of(TestCredentials.API_KEY + "x", "x".repeat(40), Tokens.valid("ann") + "x")) {
      RestClient.Reply refused = rest().withBearer(wrong).get("stats");
      assertEquals(401, refused.status(), wrong);
      assertEquals("UNAUTHORIZED", refused.object().getString("code"));
    }
    assertEquals(
        401, rest().withHeader("Authorization", "Basic YWRtaW46YWRtaW4=").get("stats").status());
  }

  @Test
  void clientEndpointsServeAnonymousAndTokenClientsButNotBadTokens_B10() {
    String id = createRoom("readable");
    for (RestClient client :
        List.of(rest().withoutCredentials(), rest().withBearer(Tokens.valid("ann")))) {
      assertEquals(200, client.get("rooms").status());
      // hidden keeps a room out of the default list; it is not access control (seed 000)
      assertEquals(200, client.get("rooms?includeHidden=true").status());
      assertEquals(200, client.get("rooms/" + id).status());
      assertEquals(200, client.get("rooms/" + id + "/state").status());
      assertEquals(200, client.get("rooms/" + id + "/presence").status());
      assertEquals(200, client.get("default-room").status());
    }
    String expired =
        Tokens.sign(
            "ann",
            Tokens.SECRET,
            Instant.now().minusSeconds(7200),
            Instant.now().minusSeconds(3600));
    RestClient.Reply refused = rest().withBearer(expired).get("rooms/" + id);
    assertEquals(401, refused.status());
    assertEquals("UNAUTHORIZED", refused.object().getString("code"));
  }

  @Test
  void healthIsOpenAndNamesNoConnection_B10() throws Exception {
    try (WsClient someone = connect()) {
      HttpResponse<String> health = rest().withoutCredentials().getRaw("health");
      assertEquals(200, health.statusCode());
      assertFalse(health.body().contains(someone.sid()), health.body());
      assertFalse(health.body().contains("anon-"), health.body());
    }
  }

  @Test
  void callerSaysWhoACredentialIs_B10() {
    JsonObject anonymous = rest().withoutCredentials().get("caller").object();
    assertEquals("anonymous", anonymous.getString("kind"));
    assertFalse(anonymous.getBoolean("backend"));
    JsonObject client = rest().withBearer(Tokens.valid("ann")).get("caller").object();
    assertEquals("client", client.getString("kind"));
    assertEquals("ann", client.getString("name"));
    assertFalse(client.getBoolean("backend"));
    JsonObject backend = rest().get("caller").object();
    assertEquals("backend", backend.getString("kind"));
    assertTrue(backend.getBoolean("backend"));
    assertEquals(401, rest().withBearer("nonsense").get("caller").status());
  }

  @Test
  void mutatingCallsFromAForeignOriginAreRefused_B10() {
    String id = uniqueRoomId("origin");
    RestClient.Reply refused =
        rest().withHeader("Origin", "http://evil.example").post("rooms", "{\"id\":\"" + id + "\"}");
    assertEquals(403, refused.status());
    assertEquals("ORIGIN_NOT_ALLOWED", refused.object().getString("code"));
    assertEquals(404, rest().get("rooms/" + id).status(), "nothing created");
    // reading is not refused, and allowed origins may change things
    assertEquals(200, rest().withHeader("Origin", "http://evil.example").get("rooms").status());
    assertEquals(
        201,
        rest()
            .withHeader("Origin", "http://allowed.example")
            .post("rooms", "{\"id\":\"" + id + "\"}")
            .status());
  }

  @Test
  void hs384TokenIsRefusedNamingTheSecretLengthItNeeds_F3_1() throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims = Tokens.claims("ann", now, now.plusSeconds(600)).build();
    String hs384 = Tokens.signUnchecked("HS384", claims, Tokens.SECRET);
    try (WsClient refused = WsClient.open(base(), "ws?token=" + hs384, true, null)) {
      JsonObject error = refused.await("error").getJsonObject("data");
      assertEquals("UNAUTHORIZED", error.getString("code"));
      assertTrue(
          error.getString("message").contains("HS384 needs a secret of at least 48 bytes"),
          error.getString("message"));
      assertEquals(4001, refused.awaitClose(WAIT).getCloseCode().getCode());
    }
    RestClient.Reply rest = rest().withBearer(hs384).get("rooms");
    assertEquals(401, rest.status());
    assertTrue(rest.object().getString("message").contains("48 bytes"));
  }

  @Test
  void revokedTokensAreRefusedAtTheHandshakeAndOnRestAndTheirSocketsClosed_F3_7() throws Exception {
    String user = "carol-" + System.nanoTime();
    Instant now = Instant.now();
    String old = Tokens.sign(user, Tokens.SECRET, now.minusSeconds(60), now.plusSeconds(3600));
    try (WsClient before = WsClient.connect(base(), "ws?token=" + old);
        WsClient bystander = WsClient.connect(base(), "ws?token=" + Tokens.valid("dave"))) {
      assertEquals(200, rest().withBearer(old).get("rooms").status());

      RestClient.Reply revoked = rest().post("users/" + user + "/revoke-tokens", "{}");
      assertEquals(200, revoked.status());
      assertEquals(1, revoked.object().getInt("closed"));
      long cutoff = revoked.object().getJsonNumber("issuedBefore").longValue();
      assertTrue(Math.abs(cutoff - Instant.now().getEpochSecond()) <= 5, "cut-off is now");

      CloseReason closed = before.awaitClose(WAIT);
      assertEquals(4009, closed.getCloseCode().getCode());
      assertEquals("Token revoked", closed.getReasonPhrase());
      bystander.send("client_ping", null, null, null);
      bystander.await("client_pong");
    }
    try (WsClient again = WsClient.open(base(), "ws?token=" + old, true, null)) {
      JsonObject error = again.await("error").getJsonObject("data");
      assertEquals("UNAUTHORIZED", error.getString("code"));
      assertTrue(error.getString("message").contains("revoked"), error.getString("message"));
      assertEquals(4001, again.awaitClose(WAIT).getCloseCode().getCode());
    }
    RestClient.Reply rest = rest().withBearer(old).get("rooms");
    assertEquals(401, rest.status());
    assertEquals("UNAUTHORIZED", rest.object().getString("code"));
    // a token issued after the cut-off works
    try (WsClient fresh = WsClient.connect(base(), "ws?token=" + Tokens.valid(user))) {
      assertTrue(fresh.isOpen());
    }
    // a cut-off is never lowered, and one in the future is refused
    RestClient.Reply earlier =
        rest().post("users/" + user + "/revoke-tokens", "{\"issuedBefore\":1000}");
    assertEquals(200, earlier.status());
    assertTrue(earlier.object().getJsonNumber("issuedBefore").longValue() > 1000);
    RestClient.Reply future =
        rest()
            .post(
                "users/" + user + "/revoke-tokens",
                "{\"issuedBefore\":" + (Instant.now().getEpochSecond() + 86_400) + "}");
    assertEquals(400, future.status());
    assertEquals("INVALID_REQUEST", future.object().getString("code"));
  }

  @Test
  void forwardedHeaderOfAnUntrustedPeerIsIgnored_F4_2() throws Exception {
    // this server trusts no proxy: every socket from here counts as 127.0.0.1, whatever it claims
    String id = createRoom("spoof");
    List<WsClient> opened = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        opened.add(
            WsClient.openWithHeaders(
                base(),
                "public-room/" + id,
                true,
                Map.of("X-Forwarded-For", "198.51.100." + (i + 1))));
        opened.get(i).await("connection_status");
      }
      WsClient third =
          WsClient.openWithHeaders(
              base(), "public-room/" + id, true, Map.of("X-Forwarded-For", "198.51.100.99"));
      opened.add(third);
      assertEquals(
          "TOO_MANY_CONNECTIONS", third.await("error").getJsonObject("data").getString("code"));
    } finally {
      for (WsClient client : opened) {
        client.close();
      }
    }
  }
}
