package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The connection and the protocol envelope: F0.1, F0.8 (client side), F2.1, F2.2, F2.4, F2.5. */
class ConnectionProtocolIT extends RoomcastIT {

  @Test
  void connectAnswersConnectionStatus_F2_1() throws Exception {
    try (WsClient client = connect()) {
      // WsClient.connect already waited for it; check its fields on a fresh look
      assertFalse(client.sid().isBlank());
    }
    try (WsClient a = connect();
        WsClient b = connect()) {
      assertNotEquals(a.sid(), b.sid(), "every connection gets its own sid");
    }
  }

  @Test
  void connectionStatusCarriesServerSeqAndTime_F2_1() throws Exception {
    // a raw look at the first frame, fields included
    try (WsClient client = connect()) {
      client.send("client_ping", null, null, null);
      JsonObject pong = client.await("client_pong");
      assertTrue(pong.getJsonObject("data").getJsonNumber("serverTime").longValue() > 0);
    }
  }

  @Test
  void joinAndLeaveAreAcknowledged_F2_2() throws Exception {
    String roomId = createRoom("ack");
    try (WsClient client = connect()) {
      client.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
      JsonObject join = client.await("ack:join").getJsonObject("data");
      assertEquals("room:" + roomId, join.getString("room"));
      assertTrue(join.getBoolean("success"));
      assertTrue(join.containsKey("serverSeq"));
      assertTrue(join.containsKey("roomSeq"));
      assertFalse(join.getString("message").isBlank());

      client.send("leave:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
      JsonObject leave = client.await("ack:leave").getJsonObject("data");
      assertEquals("room:" + roomId, leave.getString("room"));
      assertTrue(leave.getBoolean("success"));
    }
  }

  @Test
  void failedJoinSaysWhy_F2_2() throws Exception {
    try (WsClient client = connect()) {
      client.send("join:room", null, "op-1", "{\"roomId\":\"no-such-room\"}");
      JsonObject join = client.await("ack:join").getJsonObject("data");
      assertFalse(join.getBoolean("success"));
      assertEquals("ROOM_NOT_FOUND", join.getString("errorType"));
      assertTrue(join.getString("message").contains("no-such-room"));
      JsonObject error = client.await("err:op").getJsonObject("data");
      assertEquals("op-1", error.getString("clientOpId"));

      client.send("join", "lobby:everyone", null, null);
      JsonObject invalid = client.await("ack:join").getJsonObject("data");
      assertFalse(invalid.getBoolean("success"));
      assertEquals("INVALID_ROOM", invalid.getString("errorType"));
    }
  }

  @Test
  void everyServerEventHasTheEnvelope_F2_4() throws Exception {
    String roomId = createRoom("envelope");
    try (WsClient client = connect()) {
      client.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
      client.await("ack:join");
      Set<String> eventIds = new HashSet<>();
      long lastRoomSeq = 0;
      long lastServerSeq = 0;
      for (int i = 1; i <= 3; i++) {
        rest().patch("rooms/" + roomId, "{\"description\":\"v" + i + "\"}");
        JsonObject event = client.await("room:update");
        assertEquals("room:" + roomId, event.getString("room"));
        long roomSeq = event.getJsonNumber("roomSeq").longValue();
        long serverSeq = event.getJsonNumber("serverSeq").longValue();
        assertTrue(roomSeq > lastRoomSeq, "room sequence grows");
        assertTrue(serverSeq > lastServerSeq, "server sequence grows");
        lastRoomSeq = roomSeq;
        lastServerSeq = serverSeq;
        assertTrue(event.getJsonNumber("timestamp").longValue() > 1_600_000_000_000L);
        assertTrue(eventIds.add(event.getString("eventId")), "event ids are unique");
        assertEquals("v" + i, event.getJsonObject("data").getString("description"));
      }
    }
  }

  @Test
  void everyRequestWithClientOpIdGetsExactlyOneAnswer_F2_5() throws Exception {
    String roomId = createRoom("ops");
    try (WsClient client = connect()) {
      client.send("join:room", null, "j1", "{\"roomId\":\"" + roomId + "\"}");
      client.send("lock:acquire", "room:" + roomId, "l1", "{\"msg\":\"Uploading\"}");
      client.send("lock:acquire", "room:nope", "l2", "{}");
      client.send("frame_update", "room:" + roomId, "f1", "{\"frame\":3}");
      client.send("no:such:type", null, "u1", "{}");
      client.send("lock:release", "room:" + roomId, "r1", null);
      client.sendRaw("{\"type\":\"lock:msg\",\"clientOpId\":\"m1\",\"data\":\"not an object\"}");
      client.sendRaw("{\"clientOpId\":\"t1\"}");

      List<JsonObject> answers =
          client.drain(Duration.ofSeconds(2)).stream()
              .filter(m -> List.of("ack:op", "err:op").contains(m.getString("type")))
              .toList();
      assertEquals(
          List.of("j1", "l1", "l2", "f1", "u1", "r1", "m1", "t1"),
          answers.stream().map(m -> m.getJsonObject("data").getString("clientOpId")).toList(),
          "one answer per request, in order");
      assertEquals(
          List.of("ack:op", "ack:op", "err:op", "ack:op", "err:op", "ack:op", "err:op", "err:op"),
          answers.stream().map(m -> m.getString("type")).toList());
      JsonObject notMember = answers.get(2).getJsonObject("data");
      assertEquals("NOT_MEMBER", notMember.getString("errorType"));
      assertFalse(notMember.getBoolean("success"));
      assertEquals("UNKNOWN_TYPE", answers.get(4).getJsonObject("data").getString("errorType"));
      assertEquals("INVALID_REQUEST", answers.get(6).getJsonObject("data").getString("errorType"));
      assertEquals("INVALID_REQUEST", answers.get(7).getJsonObject("data").getString("errorType"));
    }
  }

  @Test
  void badInputGetsCodedErrorsAndKeepsTheConnection_F2_5() throws Exception {
    try (WsClient client = connect()) {
      client.sendRaw("{this is not json");
      assertEquals(
          "INVALID_JSON", client.await("err:op").getJsonObject("data").getString("errorType"));
      client.sendRaw("[1,2,3]");
      assertEquals(
          "INVALID_REQUEST", client.await("err:op").getJsonObject("data").getString("errorType"));
      client.sendRaw("{\"type\":\"lock:acquire\",\"data\":{\"ttlSeconds\":\"soon\"}}");
      assertEquals(
          "INVALID_REQUEST", client.await("err:op").getJsonObject("data").getString("errorType"));
      client.send("client_ping", null, null, null);
      assertNotNull(client.await("client_pong"), "the connection still serves requests");
    }
  }

  @Test
  void oneConnectionSwitchesBetweenOverviewAndRoom_F0_1() throws Exception {
    String roomId = createRoom("switch");
    String otherId = createRoom("other");
    try (WsClient client = connect()) {
      client.send("join:overview", null, null, null);
      assertEquals(
          "overview:public", client.await("ack:join").getJsonObject("data").getString("room"));
      rest().patch("rooms/" + otherId, "{\"description\":\"seen on overview\"}");
      assertEquals(
          "overview:public",
          client
              .await(
                  "room:update",
                  m -> otherId.equals(m.getJsonObject("data").getString("roomId")),
                  Duration.ofSeconds(5))
              .getString("room"));

      // entering a room page: leaves the overview, joins the room, same connection
      client.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
      client.await("ack:join");
      rest().patch("rooms/" + otherId, "{\"description\":\"not seen\"}");
      rest().patch("rooms/" + roomId, "{\"description\":\"seen in room\"}");
      JsonObject inRoom =
          client.await(
              "room:update",
              m -> !"overview:public".equals(m.getString("room")),
              Duration.ofSeconds(5));
      assertEquals("room:" + roomId, inRoom.getString("room"));
      assertEquals("seen in room", inRoom.getJsonObject("data").getString("description"));
      assertTrue(
          client.drain(Duration.ofMillis(500)).stream()
              .noneMatch(m -> "overview:public".equals(m.getString("room", null))),
          "no overview events after joining a room");

      // back to the list: leave the room and re-join the overview in one step
      client.send(
          "leave:room", null, null, "{\"roomId\":\"" + roomId + "\",\"rejoinOverview\":true}");
      client.await("ack:leave");
      rest().patch("rooms/" + otherId, "{\"description\":\"seen again\"}");
      assertEquals(
          "overview:public",
          client
              .await(
                  "room:update",
                  m -> otherId.equals(m.getJsonObject("data").getString("roomId")),
                  Duration.ofSeconds(5))
              .getString("room"));
    }
  }

  @Test
  void clientRoomEventsReachEveryMember_F0_8() throws Exception {
    String roomId = createRoom("passthrough");
    try (WsClient sender = connect();
        WsClient viewer = connect();
        WsClient outsider = connect()) {
      for (WsClient c : List.of(sender, viewer)) {
        c.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
        c.await("ack:join");
      }
      sender.send("chat:message:new", "room:" + roomId, null, "{\"text\":\"hello\"}");
      sender.send("invalidate:geometry", "room:" + roomId, null, "{\"key\":\"g1\"}");
      for (WsClient c : List.of(sender, viewer)) {
        JsonObject chat = c.await("chat:message:new");
        assertEquals("hello", chat.getJsonObject("data").getString("text"));
        assertEquals("room:" + roomId, chat.getString("room"));
        assertEquals("g1", c.await("invalidate:geometry").getJsonObject("data").getString("key"));
      }
      outsider.send("chat:message:new", "room:" + roomId, null, "{\"text\":\"intruder\"}");
      assertEquals(
          "NOT_MEMBER", outsider.await("err:op").getJsonObject("data").getString("errorType"));
    }
  }
}
