package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RawWebSocket;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Identity, room kinds and limits over real sockets: F3.1, F3.2, F3.3, F3.7 (seed 003), F1.1-F1.3
 * (seed 001), B3.
 */
class IdentityAndRoomsIT extends RoomcastIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private WsClient connectAs(String userId) throws Exception {
    return WsClient.connect(base(), "ws?token=" + Tokens.valid(userId));
  }

  private static JsonObject data(JsonObject message) {
    return message.getJsonObject("data");
  }

  @Test
  void tokenUserReachesAllItsConnectionsThroughUserRoom_F3_1_F3_2() throws Exception {
    String user = "alice-" + System.nanoTime();
    try (WsClient tab1 = connectAs(user);
        WsClient tab2 = connectAs(user);
        WsClient other = connectAs("bob-" + System.nanoTime())) {
      RestClient.Reply published =
          rest()
              .post(
                  "users/" + user + "/events",
                  "{\"type\":\"update-user\",\"data\":{\"name\":\"Alice\"}}");
      assertEquals(202, published.status(), published.toString());
      for (WsClient tab : List.of(tab1, tab2)) {
        JsonObject event = tab.await("update-user");
        assertEquals("user:" + user, event.getString("room"));
        assertEquals("Alice", data(event).getString("name"));
      }
      // the client room reaches exactly one connection
      rest()
          .post(
              "events",
              "{\"room\":\"client:" + tab2.sid() + "\",\"type\":\"notice\",\"data\":{\"n\":1}}");
      assertEquals("client:" + tab2.sid(), tab2.await("notice").getString("room"));
      for (WsClient c : List.of(tab1, other)) {
        assertTrue(
            c.drain(Duration.ofMillis(500)).stream()
                .noneMatch(m -> List.of("update-user", "notice").contains(m.getString("type"))),
            "nobody else gets the user's or the client's events");
      }
    }
  }

  @Test
  void connectionStatusNamesTheUser_F3_1() throws Exception {
    String user = "carol-" + System.nanoTime();
    try (WsClient client = WsClient.open(base(), "ws?token=" + Tokens.valid(user), true, null)) {
      JsonObject status = data(client.await("connection_status"));
      assertEquals(user, status.getString("userId"));
      assertTrue(status.getBoolean("authenticated"));
    }
    try (WsClient anonymous = WsClient.open(base(), "ws", true, null)) {
      JsonObject status = data(anonymous.await("connection_status"));
      assertFalse(status.getBoolean("authenticated"));
      assertTrue(status.getString("userId").startsWith("anon-"));
    }
  }

  @Test
  void forgedOrExpiredTokenIsRefusedWithCloseCode4001_F3_1() throws Exception {
    String forged = Tokens.sign("mallory", "not-the-secret-not-the-secret-not-the", farFuture());
    String expired = Tokens.sign("dave", Tokens.SECRET, Instant.now().minusSeconds(60));
    for (String token : List.of(forged, expired, "not.a.jwt")) {
      try (WsClient client = WsClient.open(base(), "ws?token=" + token, true, null)) {
        JsonObject error = data(client.await("error"));
        assertEquals("UNAUTHORIZED", error.getString("code"));
        assertFalse(error.getString("message").isBlank());
        CloseReason reason = client.awaitClose(WAIT);
        assertEquals(4001, reason.getCloseCode().getCode(), "token " + token);
      }
    }
  }

  @Test
  void roomKindsDecideWhoMayJoin_F1_2_F3_3() throws Exception {
    String me = "erin-" + System.nanoTime();
    try (WsClient client = connectAs(me);
        WsClient anonymous = connect()) {
      assertJoin(client, "user:someone-else", false, "FORBIDDEN");
      assertJoin(client, "user:" + me, true, null);
      assertJoin(client, "client:" + anonymous.sid(), false, "FORBIDDEN");
      assertJoin(client, "board:b1", true, null);
      assertJoin(anonymous, "board:b1", false, "FORBIDDEN");
      assertJoin(anonymous, "user:" + me, false, "FORBIDDEN");
      assertJoin(anonymous, "lobby:everyone", false, "INVALID_ROOM");
      assertJoin(anonymous, "job:not-hex", false, "INVALID_ROOM");
      assertJoin(anonymous, "chat:" + me + ":x", false, "FORBIDDEN");
      assertJoin(client, "chat:" + me + ":x", true, null);
      // publishing follows the kind's publish rule: job rooms are fed by the backend only
      assertJoin(anonymous, "all-jobs", true, null);
      anonymous.send("frame_update", "all-jobs", "p1", "{}");
      JsonObject refused = data(anonymous.await("err:op"));
      assertEquals("p1", refused.getString("clientOpId"));
      assertEquals("FORBIDDEN", refused.getString("errorType"));
    }
  }

  @Test
  void handshakeQueryAssignsRoomsAndBadValuesGetRoomError_F1_1_F1_2() throws Exception {
    String job = hexId(1);
    String otherJob = hexId(2);
    try (WsClient all = WsClient.connect(base(), "ws?jobId=all");
        WsClient one = WsClient.connect(base(), "ws?jobId=" + job);
        WsClient another = WsClient.connect(base(), "ws?jobId=" + otherJob);
        WsClient server = WsClient.connect(base(), "ws?serverId=srv-7");
        WsClient invalid = WsClient.connect(base(), "ws?jobId=invalid&serverId=bad%20id")) {
      List<JsonObject> errors = List.of(invalid.await("room:error"), invalid.await("room:error"));
      assertEquals("Invalid job ID format", data(errors.get(0)).getString("message"));
      assertEquals("jobId", data(errors.get(0)).getString("parameter"));
      assertEquals("Invalid server ID format", data(errors.get(1)).getString("message"));
      invalid.send("client_ping", null, null, null);
      invalid.await("client_pong"); // the connection stays

      publish("job:" + job, "job:progress", "{\"pct\":10}");
      assertEquals("job:" + job, one.await("job:progress").getString("room"));
      JsonObject viaAggregate = all.await("job:progress");
      assertEquals("job:" + job, viaAggregate.getString("room"), "all-jobs sees the source room");
      publish("server:srv-7", "server:status", "{\"up\":true}");
      assertTrue(data(server.await("server:status")).getBoolean("up"));
      assertTrue(
          another.drain(Duration.ofMillis(500)).stream()
              .noneMatch(m -> "job:progress".equals(m.getString("type"))),
          "another job's client does not get this job's events");
    }
  }

  @Test
  void memberOfJobAndAllJobsGetsEachEventOnce_F1_3() throws Exception {
    String job = hexId(3);
    try (WsClient both = WsClient.connect(base(), "ws?jobId=" + job)) {
      assertJoin(both, "all-jobs", true, null);
      for (int i = 0; i < 5; i++) {
        publish("job:" + job, "job:progress", "{\"i\":" + i + "}");
      }
      List<Integer> seen = new ArrayList<>();
      for (JsonObject m : both.drain(Duration.ofSeconds(3))) {
        if ("job:progress".equals(m.getString("type"))) {
          seen.add(data(m).getInt("i"));
        }
      }
      assertEquals(List.of(0, 1, 2, 3, 4), seen, "each event once, in order");
    }
  }

  @Test
  void deadMemberNeverFailsABroadcast_F3_3() throws Exception {
    try (WsClient alive = WsClient.connect(base(), "ws?serverId=srv-dead-test")) {
      WsClient dying = WsClient.connect(base(), "ws?serverId=srv-dead-test");
      dying.close();
      for (int i = 0; i < 3; i++) {
        RestClient.Reply reply =
            rest()
                .post(
                    "events",
                    "{\"room\":\"server:srv-dead-test\",\"type\":\"server:status\",\"data\":{\"i\":"
                        + i
                        + "}}");
        assertEquals(202, reply.status());
        assertEquals(i, data(alive.await("server:status")).getInt("i"));
      }
    }
  }

  @Test
  void kickClosesEveryConnectionOfTheUserWith4009_F3_7() throws Exception {
    String user = "frank-" + System.nanoTime();
    try (WsClient tab1 = connectAs(user);
        WsClient tab2 = connectAs(user);
        WsClient bystander = connectAs("grace-" + System.nanoTime())) {
      RestClient.Reply kicked = rest().post("users/" + user + "/kick", "{}");
      assertEquals(200, kicked.status());
      assertEquals(2, kicked.object().getInt("closed"));
      for (WsClient tab : List.of(tab1, tab2)) {
        assertEquals(4009, tab.awaitClose(WAIT).getCloseCode().getCode());
      }
      bystander.send("client_ping", null, null, null);
      bystander.await("client_pong");
    }
  }

  @Test
  void limitsAnswerWithCodesOrDocumentedCloses_B3() throws Exception {
    try (WsClient client = connect()) {
      // max rooms per connection (20 in the ITs, client:<sid> included)
      List<String> errors = new ArrayList<>();
      for (int i = 0; i < 22; i++) {
        client.send("join", "server:limit-" + i, null, null);
        JsonObject ack = data(client.await("ack:join"));
        if (!ack.getBoolean("success")) {
          errors.add(ack.getString("errorType"));
        }
      }
      assertEquals(List.of("TOO_MANY_ROOMS", "TOO_MANY_ROOMS", "TOO_MANY_ROOMS"), errors);

      // a frame above the limit is answered, one far above it costs the connection (1009)
      client.sendRaw("{\"type\":\"x\",\"data\":{\"pad\":\"" + "y".repeat(70_000) + "\"}}");
      client.await("err:op", m -> "FRAME_TOO_LARGE".equals(data(m).getString("errorType")), WAIT);
      client.send("client_ping", null, null, null);
      client.await("client_pong");
    }
    try (WsClient flooder = connect()) {
      for (int i = 0; i < 700; i++) {
        flooder.send("pong", null, null, null); // answered only when refused
      }
      Set<String> outcomes = new HashSet<>();
      for (int i = 0; i < 700; i++) {
        JsonObject answer =
            flooder.await(
                "err:op", m -> true, WAIT); // ack:op answers are skipped; errors are counted
        outcomes.add(data(answer).getString("errorType"));
        if (outcomes.contains("RATE_LIMITED")) {
          break;
        }
      }
      assertTrue(outcomes.contains("RATE_LIMITED"), outcomes.toString());
    }
    try (RawWebSocket big = RawWebSocket.connect(base(), "ws")) {
      big.awaitText("connection_status", WAIT);
      assertEquals(
          1009,
          big.closeCodeWhileSending(
              "{\"type\":\"x\",\"pad\":\"" + "z".repeat(1_100_000) + "\"}", WAIT));
    }
    assertThrows(Exception.class, () -> WsClient.open(base(), "ws", true, "http://evil.example"));
    try (WsClient allowed = WsClient.open(base(), "ws", true, "http://allowed.example")) {
      allowed.await("connection_status");
    }
  }

  @Test
  void fuzzedFramesEachGetACodedErrorAndOthersKeepWorking_B3() throws Exception {
    String roomId = createRoom("fuzz");
    Random random = new Random(20261124L);
    Set<String> codes = new HashSet<>();
    try (WsClient bystander = connect();
        WsClient fuzzer = connect()) {
      bystander.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
      bystander.await("ack:join");
      int batches = 50;
      int perBatch = 50;
      for (int batch = 0; batch < batches; batch++) {
        for (int i = 0; i < perBatch; i++) {
          fuzzer.sendRaw(hostileFrame(random, roomId));
        }
        for (int i = 0; i < perBatch; i++) {
          JsonObject error = data(fuzzer.await("err:op", m -> true, Duration.ofSeconds(20)));
          String code = error.getString("errorType");
          assertFalse("INTERNAL_ERROR".equals(code), error.toString());
          codes.add(code);
        }
        Thread.sleep(250); // stay under the rate limit most of the time: errors should vary
      }
      assertTrue(codes.size() >= 5, "many different codes: " + codes);
      fuzzer.send("client_ping", null, null, null);
      fuzzer.await("client_pong");
      rest().post("rooms/" + roomId + "/events", "{\"type\":\"frame_update\",\"data\":{\"ok\":1}}");
      assertEquals(1, data(bystander.await("frame_update")).getInt("ok"));
    }
  }

  /** One frame the server must refuse with a coded err:op. */
  private static String hostileFrame(Random random, String roomId) {
    return switch (random.nextInt(12)) {
      case 0 -> "{\"type\":\"join:room\",\"data\":{\"roomId\":" + "[".repeat(random.nextInt(3000));
      case 1 -> "[" + random.nextInt() + "]";
      case 2 -> "{\"type\":" + random.nextInt() + "}";
      case 3 -> "{\"type\":\"" + "u".repeat(1 + random.nextInt(60_000)) + "\"}";
      case 4 -> "{\"type\":\"join\",\"room\":\"lobby:" + random.nextInt() + "\"}";
      case 5 -> "{\"type\":\"lock:acquire\",\"room\":\"room:" + roomId + "\"}";
      case 6 -> "{\"type\":\"join:room\",\"data\":\"" + random.nextInt() + "\"}";
      case 7 ->
          "{\"type\":\"frame_update\",\"room\":\"room:"
              + roomId
              + "\",\"data\":"
              + "{\"a\":".repeat(2000)
              + "1"
              + "}".repeat(2000)
              + "}";
      case 8 ->
          "{\"type\":\"lock:acquire\",\"room\":\"room:"
              + roomId
              + "\",\"data\":{\"ttlSeconds\":\"soon\"}}";
      case 9 -> "\u0000\uFFFF" + random.nextLong();
      case 10 -> "{\"type\":\"join\",\"room\":\"room:" + "../".repeat(random.nextInt(50)) + "\"}";
      default -> "{\"type\":\"join-room\",\"data\":{\"userId\":" + random.nextInt() + "}}";
    };
  }

  private void assertJoin(WsClient client, String room, boolean success, String errorType)
      throws Exception {
    client.send("join", room, null, null);
    JsonObject ack =
        data(client.await("ack:join", m -> room.equals(data(m).getString("room", null)), WAIT));
    assertEquals(success, ack.getBoolean("success"), room + ": " + ack);
    if (errorType != null) {
      assertEquals(errorType, ack.getString("errorType"), room);
    }
  }

  private void publish(String room, String type, String data) {
    RestClient.Reply reply =
        rest()
            .post(
                "events",
                "{\"room\":\"" + room + "\",\"type\":\"" + type + "\",\"data\":" + data + "}");
    assertEquals(202, reply.status(), reply.toString());
  }

  private static String hexId(int n) {
    return String.format("%016x%08x", System.nanoTime(), n);
  }

  private static Instant farFuture() {
    return Instant.now().plus(Duration.ofHours(1));
  }
}
