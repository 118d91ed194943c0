package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.protocol.entity.EventTypes;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where docs/protocol.md and the server disagreed (issue 12 §6), each decided and pinned here: the
 * server does what the document says.
 */
class ProtocolContractIT extends RoomcastIT {

  private static final java.time.Duration TEN_SECONDS = java.time.Duration.ofSeconds(10);

  @Test
  void anonymousUserIdIsAnonDashSid_F3_1() throws Exception {
    String id = createRoom("anon");
    try (WsClient anonymous = connect();
        WsClient watcher = connect()) {
      watcher.send("join", "room:" + id, null, null);
      watcher.await("ack:join");
      anonymous.send("join", "room:" + id, null, null);
      anonymous.await("ack:join");
      JsonObject joined =
          watcher
              .await(
                  "user-joined",
                  m -> !("anon-" + watcher.sid()).equals(data(m).getString("userId")),
                  java.time.Duration.ofSeconds(10))
              .getJsonObject("data");
      assertEquals("anon-" + anonymous.sid(), joined.getString("userId"));
    }
    try (WsClient fresh = WsClient.open(base(), "ws", true, null)) {
      JsonObject status = fresh.await("connection_status").getJsonObject("data");
      assertEquals("anon-" + status.getString("sid"), status.getString("userId"));
    }
  }

  @Test
  void everyPublishAnswerHasAllFiveFieldsHeldBackOnesWithNulls_F1_4() throws Exception {
    String id = createRoom("coalesced");
    JsonObject heldBack = null;
    JsonObject sentAtOnce = null;
    for (int i = 0; i < 20 && (heldBack == null || sentAtOnce == null); i++) {
      JsonObject answer =
          rest()
              .post(
                  "rooms/" + id + "/events",
                  "{\"type\":\"frame_selection:update\",\"data\":{\"i\":" + i + "}}")
              .object();
      if (answer.getBoolean("coalesced")) {
        heldBack = answer;
      } else {
        sentAtOnce = answer;
      }
    }
    assertNotNull(heldBack, "some of 20 rapid events within 200 ms were held back");
    for (String field : List.of("roomSeq", "serverSeq", "eventId")) {
      assertTrue(
          heldBack.containsKey(field) && heldBack.isNull(field), "null " + field + ": " + heldBack);
    }
    assertEquals("room:" + id, heldBack.getString("room"));
    assertNotNull(sentAtOnce);
    assertEquals(false, sentAtOnce.getBoolean("coalesced"), sentAtOnce.toString());
    assertTrue(sentAtOnce.getJsonNumber("roomSeq").longValue() > 0);

    JsonObject backend =
        rest()
            .post("events", "{\"room\":\"server:contract\",\"type\":\"server:status\",\"data\":{}}")
            .object();
    assertEquals(false, backend.getBoolean("coalesced"), backend.toString());
    try (WsClient client = connect()) {
      client.send("join", "room:" + id, null, null);
      client.await("ack:join");
      client.send("frame_update", "room:" + id, "p1", "{\"x\":1}");
      JsonObject ack = data(client.await("ack:op"));
      assertEquals(false, ack.getJsonObject("data").getBoolean("coalesced"), ack.toString());
    }
  }

  @Test
  void resumedJoinAnswersTheClientsPositionAndReplaysFromTheNext_F2_6() throws Exception {
    String id = createRoom("resume");
    String room = "room:" + id;
    long at;
    String epoch;
    try (WsClient first = connect()) {
      first.send("join", room, null, null);
      JsonObject ack = data(first.await("ack:join"));
      at = ack.getJsonNumber("roomSeq").longValue();
      epoch = ack.getString("epoch");
    }
    postNumberedEvents(id, 3, "");
    try (WsClient back = connect()) {
      back.send(
          "join", room, null, "{\"since\":{\"roomSeq\":" + at + ",\"epoch\":\"" + epoch + "\"}}");
      JsonObject ack = data(back.await("ack:join"));
      assertTrue(ack.getBoolean("resumed"), ack.toString());
      assertEquals(at, ack.getJsonNumber("roomSeq").longValue(), "the client's own position");
      assertFalse(ack.containsKey("snapshot") && !ack.isNull("snapshot"), "no snapshot: " + ack);
      JsonObject first = back.next(java.time.Duration.ofSeconds(10));
      while (first != null && !room.equals(first.getString("room", null))) {
        first = back.next(java.time.Duration.ofSeconds(10));
      }
      assertNotNull(first, "a replay");
      assertEquals(at + 1, first.getJsonNumber("roomSeq").longValue(), first.toString());
    }
  }

  @Test
  void noServerGeneratedTypeCanBePublishedByTheBackend_F1_3_F4_7() throws Exception {
    String id = createRoom("reserved");
    for (Field field : EventTypes.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
        continue;
      }
      String type = (String) field.get(null);
      String body = "{\"type\":\"" + type + "\",\"data\":{\"forged\":true}}";
      for (String path :
          List.of(
              "rooms/" + id + "/events", "public/rooms/" + id + "/broadcast", "users/u1/events")) {
        RestClient.Reply reply = rest().post(path, body);
        assertEquals(400, reply.status(), path + " " + type + ": " + reply);
        assertEquals("UNKNOWN_TYPE", reply.object().getString("code"), path + " " + type);
      }
      RestClient.Reply reply =
          rest()
              .post(
                  "events",
                  "{\"room\":\"server:reserved\",\"type\":\""
                      + type
                      + "\",\"data\":{\"forged\":true}}");
      assertEquals(400, reply.status(), "events " + type + ": " + reply);
    }
  }

  @Test
  void overviewCarriesHiddenRoomsInItsSnapshotAndDiffsAlike_F0_4() throws Exception {
    String hidden = uniqueRoomId("hidden");
    assertEquals(201, rest().post("rooms", "{\"id\":\"" + hidden + "\",\"hidden\":true}").status());
    try (WsClient overview = connect()) {
      overview.send("join:overview", null, null, null);
      JsonObject ack = data(overview.await("ack:join"));
      JsonObject listed =
          ack.getJsonObject("snapshot").getJsonArray("rooms").stream()
              .map(JsonValue::asJsonObject)
              .filter(r -> hidden.equals(r.getString("id")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("the hidden room is in the snapshot: " + ack));
      assertTrue(listed.getBoolean("hidden"));
      assertEquals(
          200,
          rest().patch("rooms/" + hidden, "{\"description\":\"seen on the overview\"}").status());
      JsonObject diff =
          data(
              overview.await(
                  "room:update",
                  m -> hidden.equals(data(m).getString("roomId")),
                  java.time.Duration.ofSeconds(10)));
      assertEquals("seen on the overview", diff.getString("description"));
    }
    assertFalse(
        rest().get("rooms").body().asJsonArray().stream()
            .anyMatch(r -> hidden.equals(r.asJsonObject().getString("id"))),
        "GET /api/rooms still leaves it out unless includeHidden=true");
  }

  @Test
  void restLeaveEndsPresenceAndTheSocketStaysAViewerThatMayJoinAgain_F4_6() throws Exception {
    String id = createRoom("rest-leave");
    String ann = rest().post("public/users", "{\"userName\":\"Ann\"}").object().getString("userId");
    String bob = rest().post("public/users", "{\"userName\":\"Bob\"}").object().getString("userId");
    try (WsClient observer = connect();
        WsClient socket = WsClient.open(base(), "public-room/" + id, true, null)) {
      observer.send("join", "room:" + id, null, null);
      observer.await("ack:join");
      socket.await("connection_status");
      socket.send("join-room", null, null, "{\"userId\":\"" + ann + "\"}");
      observer.await("user-joined", m -> ann.equals(data(m).getString("userId")), TEN_SECONDS);

      RestClient.Reply left =
          rest().post("public/rooms/" + id + "/leave", "{\"userId\":\"" + ann + "\"}");
      assertEquals(200, left.status(), left.toString());
      observer.await("user-left", m -> ann.equals(data(m).getString("userId")), TEN_SECONDS);

      assertEquals(
          202,
          rest()
              .post("public/rooms/" + id + "/broadcast", "{\"type\":\"notice\",\"data\":{\"n\":1}}")
              .status());
      socket.await("notice", m -> true, TEN_SECONDS);
      assertTrue(socket.isOpen(), "the socket stays open, a viewer");

      socket.send("join-room", null, "again", "{\"userId\":\"" + bob + "\"}");
      socket.await("ack:op", m -> "again".equals(data(m).getString("clientOpId")), TEN_SECONDS);
      observer.await("user-joined", m -> bob.equals(data(m).getString("userId")), TEN_SECONDS);
    }
  }

  private static JsonObject data(JsonObject message) {
    return message.getJsonObject("data");
  }
}
