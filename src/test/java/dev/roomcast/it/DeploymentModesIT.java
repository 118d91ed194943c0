package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RoomcastNode;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Configurations other than the test default, each on a server of its own (the container under
 * test): a server with no backend credential at all (secure by default, B10), and a development
 * server (insecure mode, B10) behind a trusted reverse proxy (this test, on 127.0.0.1) that
 * forwards client addresses (F4.2, F4.6); and a server given a bad setting, which must not start
 * the application.
 */
class DeploymentModesIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static RoomcastNode unconfigured;
  private static RoomcastNode development;

  @BeforeAll
  static void startNodes() throws Exception {
    List<RoomcastNode> nodes =
        RoomcastNode.startTogether(
            List.of(
                () ->
                    RoomcastNode.start(
                        "unconfigured", Map.of("ROOMCAST_API_KEY", "", "ROOMCAST_AUTH_SECRET", "")),
                () ->
                    RoomcastNode.start(
                        "development",
                        Map.of(
                            "ROOMCAST_API_KEY", "",
                            "ROOMCAST_API_INSECURE", "true",
                            "ROOMCAST_TRUSTED_PROXIES", "127.0.0.1,::1",
                            "ROOMCAST_PUBLIC_CONNECTIONS_PER_IP", "2"))));
    unconfigured = nodes.get(0);
    development = nodes.get(1);
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (RoomcastNode node : new RoomcastNode[] {unconfigured, development}) {
      if (node != null) {
        node.close();
      }
    }
  }

  private static RestClient rest(RoomcastNode node) {
    return new RestClient(node.base().resolve("api/")).withoutCredentials();
  }

  private static String createRoom(RoomcastNode node) {
    String id = "room-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(201, rest(node).post("rooms", "{\"id\":\"" + id + "\"}").status());
    return id;
  }

  @Test
  void withoutABackendCredentialConfiguredBackendEndpointsAreClosed_B10() throws Exception {
    RestClient.Reply refused = rest(unconfigured).post("rooms", "{\"id\":\"nobody-may\"}");
    assertEquals(403, refused.status());
    assertEquals("BACKEND_NOT_CONFIGURED", refused.object().getString("code"));
    assertEquals(403, rest(unconfigured).get("stats").status());
    assertEquals(403, rest(unconfigured).post("users/ann/kick", "{}").status());
    // nothing can be a backend credential on this server
    assertEquals(
        401, rest(unconfigured).withBearer("x".repeat(40)).post("users/ann/kick", "{}").status());
    // clients still read
    assertEquals(200, rest(unconfigured).get("rooms").status());
    assertEquals(200, rest(unconfigured).get("health").status());
    assertTrue(
        Files.readString(unconfigured.log()).contains("no backend credential configured"),
        "start-up says why");
  }

  @Test
  void developmentModeOpensBackendEndpointsAndWarnsLoudly_B10() throws Exception {
    String id = createRoom(development);
    assertEquals(200, rest(development).post("rooms/" + id + "/frames", "{\"count\":3}").status());
    assertEquals(200, rest(development).get("stats").status());
    assertTrue(rest(development).get("caller").object().getBoolean("backend"));
    // a credential that is sent must still be good
    assertEquals(401, rest(development).withBearer("x".repeat(40)).get("stats").status());
    String log = Files.readString(development.log());
    assertTrue(log.contains("WARNING: ROOMCAST_API_INSECURE=true"), "loud start-up warning");
  }

  @Test
  void publicRoomLimitCountsEachClientBehindATrustedProxy_F4_2() throws Exception {
    String id = createRoom(development);
    List<WsClient> opened = new ArrayList<>();
    try {
      // two clients behind the proxy, two sockets each: within each one's limit of 2
      for (String client : List.of("203.0.113.7", "203.0.113.8")) {
        for (int i = 0; i < 2; i++) {
          WsClient socket = publicSocket(id, client);
          opened.add(socket);
          socket.await("connection_status");
        }
      }
      // what a client writes itself stays left of what the proxy appended
      WsClient third = publicSocket(id, "198.51.100.1, 203.0.113.7");
      opened.add(third);
      JsonObject error = third.await("error").getJsonObject("data");
      assertEquals("TOO_MANY_CONNECTIONS", error.getString("code"));
      assertEquals(4029, third.awaitClose(WAIT).getCloseCode().getCode());
    } finally {
      for (WsClient socket : opened) {
        socket.close();
      }
    }
  }

  @Test
  void publicUserIsBoundToTheForwardedClientAddress_F4_6() {
    String id = createRoom(development);
    RestClient alice = rest(development).withHeader("X-Forwarded-For", "203.0.113.20");
    RestClient mallory = rest(development).withHeader("X-Forwarded-For", "203.0.113.21");
    String userId =
        alice.post("public/users", "{\"userName\":\"Alice\"}").object().getString("userId");
    RestClient.Reply stolen =
        mallory.post("public/rooms/" + id + "/join", "{\"userId\":\"" + userId + "\"}");
    assertEquals(403, stolen.status());
    assertEquals("INVALID_USER", stolen.object().getString("code"));
    assertEquals(
        200,
        alice.post("public/rooms/" + id + "/join", "{\"userId\":\"" + userId + "\"}").status());
  }

  private static WsClient publicSocket(String roomId, String forwardedFor) throws Exception {
    return WsClient.openWithHeaders(
        development.base(), "public-room/" + roomId, true, Map.of("X-Forwarded-For", forwardedFor));
  }

  @Test
  void aBadSettingStopsTheDeploymentNamingTheSettingAndTheValue() throws Exception {
    String named =
        "roomcast.outbox.capacity (ROOMCAST_OUTBOX_CAPACITY) must be a whole number from 1 to"
            + " 2147483647, not 'lots'";
    RoomcastNode node;
    try {
      node = RoomcastNode.start("bad-setting", Map.of("ROOMCAST_OUTBOX_CAPACITY", "lots"));
    } catch (IllegalStateException failed) {
      // WildFly marks the deployment failed, with the causes in its marker file
      assertTrue(failed.getMessage().contains(named), failed.getMessage());
      return;
    }
    // Payara Micro logs the failed deployment and stays up without the application
    try (node) {
      String log = Files.readString(node.log());
      assertTrue(
          log.contains("roomcast cannot start: roomcast settings are invalid: " + named), log);
      int status = rest(node).get("rooms").status();
      // the web module is in a failed state: 500 (or 404), never the application's answer
      assertTrue(status == 404 || status == 500, "GET /api/rooms answered " + status);
    }
  }
}
