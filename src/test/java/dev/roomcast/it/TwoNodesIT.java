package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.PayaraNode;
import dev.roomcast.support.RedisTestServer;
import dev.roomcast.support.RoomcastNode;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Two roomcast nodes sharing one real Redis (B1): node A on the container under test, node B on
 * Payara Micro, so the WildFly run tests a WildFly and a Payara node in one cluster (B8). What is
 * published on one node reaches the other's clients once and in order, history is shared, a dead
 * node's locks and presenter roles are released by the survivor, and kicks and token cut-offs reach
 * every node (F3.7).
 */
class TwoNodesIT {

  private static final long NODE_TIMEOUT_MILLIS = 2000;

  /** How soon a kick closes a user's sockets on every node (docs/protocol.md section 15). */
  private static final Duration KICK_BOUND = Duration.ofSeconds(5);

  private static RoomcastNode nodeA;
  private static RoomcastNode nodeB;

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
    List<RoomcastNode> nodes =
        RoomcastNode.startTogether(
            List.of(() -> RoomcastNode.start("a", env), () -> PayaraNode.start("b", env)));
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (RoomcastNode node : new RoomcastNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
  }

  private static RestClient rest(RoomcastNode node) {
    return new RestClient(node.base().resolve("api/"));
  }

  private static String createRoom(RoomcastNode node, String prefix) {
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
    try (RoomcastNode doomed = RoomcastNode.start("doomed", env);
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
      for (RoomcastNode node : List.of(nodeB, doomed)) {
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

  @Test
  void kickOnOneNodeClosesTheUsersSocketsOnEveryNode_F3_7() throws Exception {
    String user = "kicked-" + UUID.randomUUID();
    try (WsClient onA = WsClient.connect(nodeA.base(), "ws?token=" + Tokens.valid(user));
        WsClient onB = WsClient.connect(nodeB.base(), "ws?token=" + Tokens.valid(user));
        WsClient bystander =
            WsClient.connect(nodeB.base(), "ws?token=" + Tokens.valid("stays-" + user))) {
      long start = System.nanoTime();
      RestClient.Reply kicked = rest(nodeA).post("users/" + user + "/kick", "{}");
      assertEquals(200, kicked.status());
      assertEquals(1, kicked.object().getInt("closed"), "this node's connections");
      for (WsClient tab : List.of(onA, onB)) {
        assertEquals(4009, tab.awaitClose(KICK_BOUND).getCloseCode().getCode());
      }
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs < KICK_BOUND.toMillis(), "closed everywhere within the bound: " + tookMs);
      bystander.send("client_ping", null, null, null);
      bystander.await("client_pong");
    }
  }

  @Test
  void tokenRevokedOnOneNodeIsRefusedOnTheOther_F3_7() throws Exception {
    String user = "revoked-" + UUID.randomUUID();
    Instant now = Instant.now();
    String old = Tokens.sign(user, Tokens.SECRET, now.minusSeconds(60), now.plusSeconds(3600));
    try (WsClient onB = WsClient.connect(nodeB.base(), "ws?token=" + old)) {
      assertEquals(200, rest(nodeA).post("users/" + user + "/revoke-tokens", "{}").status());
      assertEquals(4009, onB.awaitClose(KICK_BOUND).getCloseCode().getCode());
    }
    try (WsClient again = WsClient.open(nodeB.base(), "ws?token=" + old, true, null)) {
      assertEquals("UNAUTHORIZED", again.await("error").getJsonObject("data").getString("code"));
      assertEquals(4001, again.awaitClose(KICK_BOUND).getCloseCode().getCode());
    }
    assertEquals(401, rest(nodeB).withBearer(old).get("rooms").status());
    try (WsClient fresh = WsClient.connect(nodeB.base(), "ws?token=" + Tokens.valid(user))) {
      assertTrue(fresh.isOpen());
    }
  }

  @Test
  void revocationMissedWhileUnsubscribedIsAppliedOnResubscribing_F3_7() throws Exception {
    String user = "missed-" + UUID.randomUUID();
    Instant now = Instant.now();
    String old = Tokens.sign(user, Tokens.SECRET, now.minusSeconds(60), now.plusSeconds(3600));
    try (WsClient onB = WsClient.connect(nodeB.base(), "ws?token=" + old);
        Jedis redis = new Jedis(RedisTestServer.url())) {
      // a cut-off whose announcement no node received, as when it was sent while their
      // subscriptions were down: only the store knows it
      redis.setex(
          prefixOf(nodeB) + "token-cutoff:" + user, 3600, Long.toString(now.getEpochSecond()));
      assertTrue(onB.drain(Duration.ofMillis(500)).isEmpty(), "no node was told");
      assertTrue(onB.isOpen());
      // the subscriptions drop and come back (500 ms later): each node re-checks its connections
      redis.clientKill(new ClientKillParams().type(ClientType.PUBSUB));
      assertEquals(4009, onB.awaitClose(Duration.ofSeconds(15)).getCloseCode().getCode());
    }
  }

  private static String prefixOf(RoomcastNode node) {
    return node.env().get("ROOMCAST_REDIS_PREFIX");
  }
}
