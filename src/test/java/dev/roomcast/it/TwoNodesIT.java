package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.PayaraNode;
import dev.roomcast.support.RedisTestServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two roomcast nodes (two Payara Micro processes on 127.0.0.1) sharing one real Redis (B1): what is
 * published on one node reaches the other's clients once and in order, history is shared, and a
 * dead node's locks and presenter roles are released by the survivor.
 */
class TwoNodesIT {

  private static final long NODE_TIMEOUT_MILLIS = 2000;
  private static PayaraNode nodeA;
  private static PayaraNode nodeB;

  @BeforeAll
  static void startNodes() throws Exception {
    Map<String, String> env =
        Map.of(
            "ROOMCAST_STORE",
            "redis",
            "REDIS_URL",
            RedisTestServer.url().toString(),
            "ROOMCAST_REDIS_PREFIX",
            "two-nodes-" + UUID.randomUUID() + ":",
            "ROOMCAST_NODE_TIMEOUT_MILLIS",
            Long.toString(NODE_TIMEOUT_MILLIS));
    nodeA = PayaraNode.start("a", env);
    nodeB = PayaraNode.start("b", env);
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (PayaraNode node : new PayaraNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
  }

  private static RestClient rest(PayaraNode node) {
    return new RestClient(node.base().resolve("api/"));
  }

  private static String createRoom(PayaraNode node, String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(201, rest(node).post("rooms", "{\"id\":\"" + id + "\"}").status());
    return id;
  }

  private static JsonObject join(WsClient client, String roomId) throws Exception {
    client.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
    return client.await("ack:join").getJsonObject("data");
  }

  @Test
  void clientOnAReceivesWhatBPublishesOnceAndInOrder_B1() throws Exception {
    String id = createRoom(nodeB, "fanout");
    try (WsClient onA = WsClient.connect(nodeA.base());
        WsClient onB = WsClient.connect(nodeB.base())) {
      join(onA, id);
      join(onB, id);
      int events = 200;
      for (int i = 0; i < events; i++) {
        if (i % 2 == 0) {
          onB.send("frame_update", "room:" + id, null, "{\"i\":" + i + "}");
        } else {
          assertEquals(
              202,
              rest(nodeB)
                  .post(
                      "rooms/" + id + "/events",
                      "{\"type\":\"frame_update\",\"data\":{\"i\":" + i + "}}")
                  .status());
        }
      }
      for (WsClient client : List.of(onA, onB)) {
        long lastSeq = 0;
        List<Integer> seen = new ArrayList<>();
        while (seen.size() < events) {
          // presence announcements (user-joined) are numbered in the same stream
          JsonObject event = client.next(Duration.ofSeconds(30));
          assertTrue(event != null, "stream stalled after " + seen.size() + " events");
          if (!("room:" + id).equals(event.getString("room", null))) {
            continue;
          }
          long roomSeq = event.getJsonNumber("roomSeq").longValue();
          assertEquals(lastSeq == 0 ? roomSeq : lastSeq + 1, roomSeq, "no gap, no repeat");
          lastSeq = roomSeq;
          if ("frame_update".equals(event.getString("type"))) {
            seen.add(event.getJsonObject("data").getInt("i"));
          }
        }
        assertEquals(events, seen.stream().distinct().count(), "each event once");
        assertTrue(
            client.drain(Duration.ofMillis(500)).stream()
                .noneMatch(m -> "frame_update".equals(m.getString("type"))),
            "nothing more");
      }
      // REST on A sees the room B created: one set of rooms
      assertEquals(200, rest(nodeA).get("rooms/" + id).status());
    }
  }

  @Test
  void metadataChangedOnAIsBroadcastToClientsOnB_B1() throws Exception {
    String id = createRoom(nodeA, "meta");
    try (WsClient onB = WsClient.connect(nodeB.base())) {
      join(onB, id);
      rest(nodeA).post("rooms/" + id + "/frames", "{\"count\":42}");
      JsonObject update = onB.await("room:update").getJsonObject("data");
      assertEquals(42, update.getInt("frameCount"));
    }
  }

  @Test
  void resumeOnBReplaysWhatWasPublishedOnA_B1() throws Exception {
    String id = createRoom(nodeA, "resume");
    JsonObject position;
    try (WsClient first = WsClient.connect(nodeA.base())) {
      position = join(first, id);
    }
    for (int i = 0; i < 20; i++) {
      rest(nodeA)
          .post(
              "rooms/" + id + "/events", "{\"type\":\"frame_update\",\"data\":{\"i\":" + i + "}}");
    }
    try (WsClient again = WsClient.connect(nodeB.base())) {
      again.send(
          "join:room",
          null,
          null,
          "{\"roomId\":\""
              + id
              + "\",\"since\":{\"roomSeq\":"
              + position.getJsonNumber("roomSeq").longValue()
              + ",\"epoch\":\""
              + position.getString("epoch")
              + "\"}}");
      JsonObject ack = again.await("ack:join").getJsonObject("data");
      assertTrue(ack.getBoolean("resumed"), "resumed on another node: " + ack);
      for (int i = 0; i < 20; i++) {
        assertEquals(i, again.await("frame_update").getJsonObject("data").getInt("i"));
      }
    }
  }

  @Test
  void killingANodeReleasesItsLocksPresenterAndPresenceOnTheOther_B1() throws Exception {
    String id = createRoom(nodeB, "failover");
    Map<String, String> env =
        Map.of(
            "ROOMCAST_STORE", "redis",
            "REDIS_URL", RedisTestServer.url().toString(),
            "ROOMCAST_REDIS_PREFIX", prefixOf(nodeB),
            "ROOMCAST_NODE_TIMEOUT_MILLIS", Long.toString(NODE_TIMEOUT_MILLIS));
    try (PayaraNode doomed = PayaraNode.start("doomed", env);
        WsClient watcher = WsClient.connect(nodeB.base())) {
      join(watcher, id);
      WsClient holder = WsClient.connect(doomed.base());
      join(holder, id);
      String holderUser =
          watcher
              .await(
                  "user-joined",
                  m -> m.getJsonObject("data").getInt("currentOccupancy") == 2,
                  Duration.ofSeconds(10))
              .getJsonObject("data")
              .getString("userId");
      // presence and occupancy agree on both nodes
      for (PayaraNode node : List.of(nodeB, doomed)) {
        JsonObject presence = rest(node).get("rooms/" + id + "/presence").object();
        assertEquals(2, presence.getInt("occupancy"), "occupancy seen on " + node.base());
      }
      holder.send("lock:acquire", "room:" + id, "l", "{\"msg\":\"Uploading\",\"ttlSeconds\":600}");
      holder.await("ack:op");
      holder.send("presenter:take", "room:" + id, "p", null);
      holder.await(
          "ack:op",
          m -> "p".equals(m.getJsonObject("data").getString("clientOpId")),
          Duration.ofSeconds(10));
      watcher.await(
          "room:update",
          m -> m.getJsonObject("data").containsKey("presenterSid"),
          Duration.ofSeconds(10));

      long killedAt = System.nanoTime();
      doomed.kill();
      // the survivor removes the dead node's presence first, then its locks and presenter role
      JsonObject left =
          watcher
              .await(
                  "user-left",
                  m -> holderUser.equals(m.getJsonObject("data").getString("userId")),
                  Duration.ofMillis(NODE_TIMEOUT_MILLIS * 5))
              .getJsonObject("data");
      assertEquals(1, left.getInt("currentOccupancy"), "the dead node's user left");
      JsonObject released =
          watcher
              .await(
                  "room:update",
                  m -> m.getJsonObject("data").get("metadataLocked") == JsonValue.NULL,
                  Duration.ofMillis(NODE_TIMEOUT_MILLIS * 5))
              .getJsonObject("data");
      long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
      assertEquals(JsonValue.NULL, released.get("presenterSid"));
      assertTrue(tookMs < NODE_TIMEOUT_MILLIS * 5, "released within the bound: " + tookMs + " ms");
      assertEquals(1, rest(nodeB).get("rooms/" + id + "/presence").object().getInt("occupancy"));
      JsonObject room = rest(nodeB).get("rooms/" + id).object();
      assertEquals(JsonValue.NULL, room.get("metadataLocked"));
      assertEquals(JsonValue.NULL, room.get("presenterSid"));
    }
  }

  private static String prefixOf(PayaraNode node) {
    return node.env().get("ROOMCAST_REDIS_PREFIX");
  }
}
