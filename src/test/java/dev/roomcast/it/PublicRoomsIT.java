package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Presence and anonymous public rooms over real sockets: F4.1-F4.7 (seed 004) and F3.8. Every
 * socket of these tests comes from 127.0.0.1, so public-room sockets are opened through {@link
 * #openPublic}, which waits for a free per-IP slot left by the previous test.
 */
class PublicRoomsIT extends RoomcastIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static JsonObject data(JsonObject message) {
    return message.getJsonObject("data");
  }

  /** A public-room socket that got {@code connection_status}, retrying while the IP is full. */
  private WsClient openPublic(String roomId, boolean answerPings) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      WsClient client = WsClient.open(base(), "public-room/" + roomId, answerPings, null);
      JsonObject first = client.drain(Duration.ofMillis(300)).stream().findFirst().orElse(null);
      if (first == null) {
        first = client.await("connection_status", m -> true, WAIT);
        return client;
      }
      if ("connection_status".equals(first.getString("type"))) {
        return client;
      }
      client.close();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no public-room slot: " + first);
      }
      Thread.sleep(200);
    }
  }

  private String createUser(String name) {
    RestClient.Reply reply = rest().post("public/users", "{\"userName\":\"" + name + "\"}");
    assertEquals(201, reply.status(), reply.toString());
    return reply.object().getString("userId");
  }

  private WsClient observer(String roomId) throws Exception {
    WsClient observer = connect();
    observer.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
    observer.await("ack:join");
    return observer;
  }

  @Test
  void userWithTwoTabsIsOneOccupantUntilBothClose_F4_4() throws Exception {
    String roomId = createRoom("tabs");
    String ann = createUser("Ann");
    try (WsClient observer = observer(roomId)) {
      JsonObject self = data(observer.await("user-joined"));
      assertEquals(1, self.getInt("currentOccupancy"));
      WsClient tab1 = openPublic(roomId, true);
      tab1.send("join-room", null, null, "{\"userId\":\"" + ann + "\",\"userName\":\"Ann\"}");
      JsonObject joined = data(observer.await("user-joined"));
      assertEquals(ann, joined.getString("userId"));
      assertEquals("Ann", joined.getString("userName"));
      assertEquals(2, joined.getInt("currentOccupancy"));
      assertFalse(joined.getString("joinedAt").isBlank());
      WsClient tab2 = openPublic(roomId, true);
      tab2.send("join-room", null, "j2", "{\"userId\":\"" + ann + "\",\"userName\":\"Ann\"}");
      tab2.await("ack:op");
      JsonObject presence = rest().get("rooms/" + roomId + "/presence").object();
      assertEquals(2, presence.getInt("occupancy"));
      JsonObject annPresence = member(presence, ann);
      assertEquals(2, annPresence.getInt("connections"));

      tab1.close();
      assertTrue(
          observer.drain(Duration.ofSeconds(1)).stream()
              .noneMatch(m -> "user-left".equals(m.getString("type"))),
          "one tab closing leaves the user present");
      tab2.close();
      JsonObject left = data(observer.await("user-left"));
      assertEquals(ann, left.getString("userId"));
      assertEquals(1, left.getInt("currentOccupancy"));
    }
  }

  @Test
  void mainSocketJoinMakesTheTokenUserPresentOnce_F4_4() throws Exception {
    String roomId = createRoom("main-presence");
    String user = "henry-" + System.nanoTime();
    try (WsClient observer = observer(roomId);
        WsClient tab1 = WsClient.connect(base(), "ws?token=" + Tokens.valid(user));
        WsClient tab2 = WsClient.connect(base(), "ws?token=" + Tokens.valid(user))) {
      observer.await("user-joined");
      for (WsClient tab : List.of(tab1, tab2)) {
        tab.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
        tab.await("ack:join");
      }
      JsonObject joined = data(observer.await("user-joined"));
      assertEquals(user, joined.getString("userId"));
      assertEquals("User " + user, joined.getString("userName"));
      assertEquals(2, joined.getInt("currentOccupancy"));
      tab1.send("leave:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
      tab1.await("ack:leave");
      assertEquals(
          1,
          member(rest().get("rooms/" + roomId + "/presence").object(), user).getInt("connections"));
      tab2.close();
      JsonObject left = data(observer.await("user-left"));
      assertEquals(user, left.getString("userId"));
      assertEquals(1, left.getInt("currentOccupancy"));
    }
  }

  @Test
  void aBurstOfJoinsIsAnnouncedInAFewDiffsThatAddUpToThePresenceList_F4_4() throws Exception {
    String hall = "hall:burst-" + System.nanoTime();
    int n = 20;
    List<WsClient> clients = new ArrayList<>();
    try (WsClient observer = connect()) {
      observer.send("join", hall, null, null);
      observer.await("ack:join");
      JsonObject first = data(observer.await("presence:diff"));
      assertEquals(List.of("anon-" + observer.sid()), userIds(first, "joins"), "at once");
      Set<String> present = new HashSet<>(userIds(first, "joins"));
      for (int i = 0; i < n; i++) {
        clients.add(connect());
      }
      for (WsClient client : clients) {
        client.send("join", hall, null, null);
      }
      Set<String> expected = new HashSet<>(present);
      for (WsClient client : clients) {
        client.await("ack:join");
        expected.add("anon-" + client.sid());
      }
      int diffs = applyDiffsUntil(observer, present, expected);
      assertTrue(diffs < n, n + " joins in a burst came in " + diffs + " diffs");

      for (WsClient gone : clients.subList(0, n / 2)) {
        gone.close();
        expected.remove("anon-" + gone.sid());
      }
      applyDiffsUntil(observer, present, expected);
      observer.send("presence:list", hall, "p1", null);
      JsonObject list = data(data(observer.await("ack:op")));
      assertEquals(expected.size(), list.getInt("occupancy"));
      assertEquals(expected, new HashSet<>(userIds(list, "members")), "the diffs add up");
    } finally {
      for (WsClient client : clients) {
        client.close();
      }
    }
  }

  /** Applies presence:diff events as a client does until it sees {@code expected}; how many. */
  private static int applyDiffsUntil(WsClient observer, Set<String> present, Set<String> expected)
      throws InterruptedException {
    int diffs = 0;
    while (!present.equals(expected)) {
      JsonObject diff = data(observer.await("presence:diff", m -> true, WAIT));
      diffs++;
      userIds(diff, "leaves").forEach(present::remove);
      present.addAll(userIds(diff, "joins"));
      if (present.equals(expected)) {
        assertEquals(expected.size(), diff.getInt("currentOccupancy"));
      }
    }
    return diffs;
  }

  private static List<String> userIds(JsonObject data, String list) {
    return data.getJsonArray(list).stream().map(v -> ((JsonObject) v).getString("userId")).toList();
  }

  @Test
  void isActiveIsTrackedPerConnectionAndShownInPresence_F3_8() throws Exception {
    String roomId = createRoom("active");
    String user = "ida-" + System.nanoTime();
    try (WsClient client = WsClient.connect(base(), "ws?token=" + Tokens.valid(user))) {
      client.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
      client.await("ack:join");
      assertTrue(
          member(rest().get("rooms/" + roomId + "/presence").object(), user)
              .getBoolean("isActive"));
      client.send("client:update", null, "u1", "{\"isActive\":false}");
      assertFalse(data(data(client.await("ack:op"))).getBoolean("isActive"));
      assertFalse(
          member(rest().get("rooms/" + roomId + "/presence").object(), user)
              .getBoolean("isActive"));
      client.send("presence:list", "room:" + roomId, "p1", null);
      JsonObject list = data(data(client.await("ack:op")));
      assertEquals(1, list.getInt("occupancy"));
      assertFalse(member(list, user).getBoolean("isActive"));
      client.send("client:update", null, "u2", "{\"isActive\":\"yes\"}");
      assertEquals("INVALID_REQUEST", data(client.await("err:op")).getString("errorType"));
    }
  }

  @Test
  void thirdConnectionFromOneAddressIsRefused_F4_2() throws Exception {
    String roomId = createRoom("per-ip");
    try (WsClient first = openPublic(roomId, true);
        WsClient second = openPublic(roomId, true);
        WsClient third = WsClient.open(base(), "public-room/" + roomId, true, null)) {
      JsonObject error = data(third.await("error"));
      assertEquals("TOO_MANY_CONNECTIONS", error.getString("code"));
      assertFalse(error.getString("message").isBlank());
      assertEquals(4029, third.awaitClose(WAIT).getCloseCode().getCode());
      // the header that carries the address into the handshake cannot be sent by a client
      try (WsClient spoofing =
          WsClient.openWithHeaders(
              base(),
              "public-room/" + roomId,
              true,
              Map.of("X-Roomcast-Client-Address", "198.51.100.7"))) {
        assertEquals("TOO_MANY_CONNECTIONS", data(spoofing.await("error")).getString("code"));
      }
      assertTrue(first.isOpen() && second.isOpen(), "the admitted two are untouched");
      first.close();
      try (WsClient again = openPublic(roomId, true)) {
        assertTrue(again.isOpen(), "a closed connection frees its slot");
      }
    }
  }

  @Test
  void unknownPublicRoomIsRefused_F4_1() throws Exception {
    try (WsClient client = WsClient.open(base(), "public-room/no-such-room", true, null)) {
      assertEquals("ROOM_NOT_FOUND", data(client.await("error")).getString("code"));
      assertEquals(4004, client.awaitClose(WAIT).getCloseCode().getCode());
    }
  }

  @Test
  void clientIgnoringPingsIsClosedWithConnectionTimeout_F4_3() throws Exception {
    String roomId = createRoom("idle");
    try (WsClient silent = openPublic(roomId, false);
        WsClient polite = openPublic(roomId, true)) {
      // 1.5 s interval in the ITs: ping, then 3 unanswered pings close the connection
      JsonObject error = data(silent.await("error", m -> true, Duration.ofSeconds(30)));
      assertEquals("CONNECTION_TIMEOUT", error.getString("code"));
      assertEquals(4010, silent.awaitClose(WAIT).getCloseCode().getCode());
      assertTrue(silent.pingsSeen() >= 3, "pings seen: " + silent.pingsSeen());
      assertTrue(polite.pingsSeen() >= 1, "the polite client was pinged too");
      assertTrue(polite.isOpen(), "a client that answers pings stays");
    }
  }

  @Test
  void socketErrorsAreCoded_F4_5() throws Exception {
    String roomId = createRoom("codes");
    String ann = createUser("Ann");
    String bob = createUser("Bob");
    try (WsClient client = openPublic(roomId, true)) {
      client.send("leave-room", null, null, "{\"userId\":\"" + ann + "\"}");
      assertError(client, "LEAVE_ERROR");
      client.send("join-room", null, null, "{\"userName\":\"Ann\"}");
      assertError(client, "INVALID_REQUEST");
      client.send("join-room", null, null, "{\"userId\":\"nobody\",\"userName\":\"X\"}");
      assertError(client, "INVALID_USER");
      client.send("join-room", null, null, "{\"userId\":\"" + ann + "\",\"userName\":\"Ann\"}");
      client.send("join-room", null, null, "{\"userId\":\"" + bob + "\",\"userName\":\"Bob\"}");
      assertError(client, "JOIN_ERROR");
      client.send("leave-room", null, null, "{\"userId\":\"" + bob + "\"}");
      assertError(client, "INVALID_USER");
      client.send("join", "room:other", null, null);
      assertError(client, "FORBIDDEN");
      client.send("leave-room", null, null, "{\"userId\":\"" + ann + "\"}");
      assertEquals(1000, client.awaitClose(WAIT).getCloseCode().getCode(), "leaving ends it");
    }
  }

  @Test
  void restUsersJoinLeaveAndBroadcast_F4_6_F4_7() throws Exception {
    String roomId = createRoom("rest");
    String cleo = createUser("Cleo");
    try (WsClient observer = observer(roomId);
        WsClient visitor = openPublic(roomId, true)) {
      observer.await("user-joined");
      RestClient.Reply joined =
          rest().post("public/rooms/" + roomId + "/join", "{\"userId\":\"" + cleo + "\"}");
      assertEquals(200, joined.status(), joined.toString());
      JsonObject event =
          data(observer.await("user-joined", m -> cleo.equals(data(m).getString("userId")), WAIT));
      assertEquals("Cleo", event.getString("userName"));
      assertEquals(cleo, data(visitor.await("user-joined")).getString("userId"));

      RestClient.Reply bogus =
          rest().post("public/rooms/" + roomId + "/join", "{\"userId\":\"nobody\"}");
      assertEquals(403, bogus.status());
      assertEquals("INVALID_USER", bogus.object().getString("code"));
      assertEquals(
          404,
          rest().post("public/rooms/missing-room/join", "{\"userId\":\"" + cleo + "\"}").status());

      RestClient.Reply broadcast =
          rest()
              .post(
                  "public/rooms/" + roomId + "/broadcast",
                  "{\"type\":\"room-update\",\"data\":{\"message\":\"Room capacity changed\"}}");
      assertEquals(202, broadcast.status(), broadcast.toString());
      for (WsClient c : List.of(observer, visitor)) {
        assertEquals("Room capacity changed", data(c.await("room-update")).getString("message"));
      }
      assertEquals(
          400,
          rest()
              .post("public/rooms/" + roomId + "/broadcast", "{\"type\":\"user-left\",\"data\":{}}")
              .status(),
          "protocol types cannot be forged");

      RestClient.Reply left =
          rest().post("public/rooms/" + roomId + "/leave", "{\"userId\":\"" + cleo + "\"}");
      assertEquals(200, left.status());
      assertEquals(cleo, data(observer.await("user-left")).getString("userId"));
      assertEquals(
          409,
          rest()
              .post("public/rooms/" + roomId + "/leave", "{\"userId\":\"" + cleo + "\"}")
              .status(),
          "LEAVE_ERROR when not in the room");
    }
  }

  private static void assertError(WsClient client, String code) throws Exception {
    JsonObject error = data(client.await("error"));
    assertEquals(code, error.getString("code"), error.toString());
    assertFalse(error.getString("message").isBlank());
  }

  private static JsonObject member(JsonObject presence, String userId) {
    return presence.getJsonArray("members").stream()
        .map(v -> v.asJsonObject())
        .filter(m -> userId.equals(m.getString("userId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(userId + " not in " + presence));
  }
}
