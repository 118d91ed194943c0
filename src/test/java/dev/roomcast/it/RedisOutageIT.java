package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RedisProcess;
import dev.roomcast.support.RoomcastNode;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node whose Redis goes away, comes back empty, or is flushed (B1, F2.6): every socket request is
 * answered while Redis is down, a new socket is refused with a code and 1013, and members of a room
 * whose stream was lost are told ({@code sync:error} with the new epoch) instead of silently
 * missing the new stream's events.
 */
class RedisOutageIT {

  private static final Duration ANSWER = Duration.ofSeconds(5);
  private static RedisProcess redis;
  private static RoomcastNode node;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisProcess.start();
    node =
        RoomcastNode.start(
            "outage",
            Map.of(
                "ROOMCAST_STORE", "redis",
                "REDIS_URL", redis.url().toString(),
                "ROOMCAST_NODE_TIMEOUT_MILLIS", "1500",
                "ROOMCAST_RATE_LIMIT_PER_SECOND", "1000",
                "ROOMCAST_RATE_LIMIT_BURST", "1000"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void redisUp() throws Exception {
    redis.restart();
    await("node healthy", Duration.ofSeconds(20), () -> rest().get("health").status() == 200);
  }

  private static RestClient rest() {
    return new RestClient(node.base().resolve("api/"));
  }

  private static int connections() {
    return rest().get("stats").object().getInt("totalConnections");
  }

  @Test
  void everySocketRequestIsAnsweredWhileRedisIsDown_B1() throws Exception {
    String id = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(201, rest().post("rooms", "{\"id\":\"" + id + "\"}").status());
    try (WsClient member = WsClient.connect(node.base())) {
      member.send("join", "room:" + id, null, null);
      assertTrue(member.await("ack:join").getJsonObject("data").getBoolean("success"));
      int before = connections();

      redis.stop();
      await("health reports Redis down", ANSWER, () -> rest().get("health").status() == 503);

      member.send("client_ping", null, "ping-1", null);
      member.await("client_pong", m -> true, ANSWER);

      member.send("join", "server:outage", "join-1", null);
      JsonObject ack = member.await("ack:join", m -> true, ANSWER).getJsonObject("data");
      assertFalse(ack.getBoolean("success"), ack.toString());
      assertEquals("STORE_UNAVAILABLE", ack.getString("errorType"), ack.toString());
      assertEquals("STORE_UNAVAILABLE", opError(member, "join-1").getString("errorType"));

      member.send("lock:acquire", "room:" + id, "lock-1", "{\"msg\":\"x\"}");
      assertEquals("STORE_UNAVAILABLE", opError(member, "lock-1").getString("errorType"));

      member.send("frame_update", "room:" + id, "publish-1", "{\"roomId\":\"" + id + "\",\"n\":1}");
      assertEquals("STORE_UNAVAILABLE", opError(member, "publish-1").getString("errorType"));

      WsClient refused = WsClient.open(node.base(), "ws", true, null);
      JsonObject error = refused.await("error", m -> true, ANSWER).getJsonObject("data");
      assertEquals("STORE_UNAVAILABLE", error.getString("code"), error.toString());
      assertEquals(1013, refused.awaitClose(ANSWER).getCloseCode().getCode());
      assertEquals(before, connections(), "a refused socket is not counted");
    } finally {
      redis.restart();
    }
    await("node healthy again", Duration.ofSeconds(20), () -> rest().get("health").status() == 200);
    try (WsClient again = WsClient.connect(node.base())) {
      again.send("join", "server:outage", null, null);
      assertTrue(again.await("ack:join").getJsonObject("data").getBoolean("success"));
    }
  }

  @Test
  void membersAreToldWhenRedisComesBackEmpty_F2_6_B1() throws Exception {
    streamSurvives(
        () -> {
          redis.stop();
          Thread.sleep(1500);
          redis.restart();
        });
  }

  @Test
  void membersAreToldWhenRedisIsFlushed_F2_6_B1() throws Exception {
    streamSurvives(redis::flushAll);
  }

  /**
   * Three members follow a room a publisher feeds steadily over REST; {@code loss} happens
   * half-way. Each member must receive every event, except those its {@code sync:error} (with the
   * new epoch) covers: the tail of the old stream it could not get any more, and the new stream's
   * events up to the error's {@code roomSeq}; after that, every event in order.
   */
  private void streamSurvives(Loss loss) throws Exception {
    String room = "server:steady-" + UUID.randomUUID().toString().substring(0, 8);
    List<WsClient> members = new ArrayList<>();
    try {
      List<String> epochs = new ArrayList<>();
      List<Long> joinedAt = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        WsClient member = WsClient.connect(node.base());
        members.add(member);
        member.send("join", room, null, null);
        JsonObject ack = member.await("ack:join").getJsonObject("data");
        assertTrue(ack.getBoolean("success"), ack.toString());
        epochs.add(ack.getString("epoch"));
        joinedAt.add(ack.getJsonNumber("roomSeq").longValue());
      }
      List<long[]> published = new CopyOnWriteArrayList<>(); // {i, roomSeq}
      AtomicBoolean running = new AtomicBoolean(true);
      Thread publisher =
          new Thread(
              () -> {
                RestClient api = rest();
                for (int i = 0; running.get() && i < 5000; i++) {
                  RestClient.Reply reply =
                      api.post(
                          "events",
                          "{\"room\":\""
                              + room
                              + "\",\"type\":\"server:status\",\"data\":{\"i\":"
                              + i
                              + "}}");
                  if (reply.status() == 202) {
                    published.add(
                        new long[] {i, reply.object().getJsonNumber("roomSeq").longValue()});
                  }
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      publisher.start();
      await("100 events before the loss", Duration.ofSeconds(30), () -> published.size() >= 100);
      int beforeLoss = published.size();
      loss.happen();
      await(
          "150 events after the loss",
          Duration.ofSeconds(60),
          () -> published.size() >= beforeLoss + 150);
      running.set(false);
      publisher.join(10_000);

      int lossAt = 1;
      while (lossAt < published.size() && published.get(lossAt)[1] > published.get(lossAt - 1)[1]) {
        lossAt++;
      }
      assertTrue(lossAt < published.size(), "the new stream started over at roomSeq 1");
      for (int m = 0; m < members.size(); m++) {
        check(members.get(m), room, epochs.get(m), joinedAt.get(m), published, lossAt);
      }
    } finally {
      for (WsClient member : members) {
        member.close();
      }
    }
  }

  private static void check(
      WsClient member, String room, String epoch, long joinedAt, List<long[]> published, int lossAt)
      throws Exception {
    Set<Long> received = new HashSet<>();
    long lastSeq = joinedAt;
    String currentEpoch = epoch;
    JsonObject told = null;
    long oldStreamReached = -1;
    for (JsonObject message : member.drain(Duration.ofSeconds(3))) {
      String type = message.getString("type");
      if ("sync:error".equals(type)) {
        JsonObject data = message.getJsonObject("data");
        assertEquals(room, data.getString("room"));
        assertEquals("FULL_REFRESH_REQUIRED", data.getString("code"));
        assertNotEquals(currentEpoch, data.getString("epoch"), "a new epoch: " + data);
        currentEpoch = data.getString("epoch");
        lastSeq = data.getJsonNumber("roomSeq").longValue();
        told = data;
        continue;
      }
      if (!"server:status".equals(type)) {
        continue;
      }
      long seq = message.getJsonNumber("roomSeq").longValue();
      assertEquals(lastSeq + 1, seq, "in order, no gap, no repeat within an epoch: " + message);
      lastSeq = seq;
      long i = message.getJsonObject("data").getJsonNumber("i").longValue();
      received.add(i);
      if (told == null) {
        oldStreamReached = i;
      }
    }
    assertTrue(told != null, member.sid() + " was not told that the stream was lost");
    long refreshedUpTo = told.getJsonNumber("roomSeq").longValue();
    for (int k = 0; k < published.size(); k++) {
      long i = published.get(k)[0];
      long seq = published.get(k)[1];
      boolean covered = k < lossAt ? i > oldStreamReached : seq <= refreshedUpTo;
      assertTrue(
          received.contains(i) || covered,
          member.sid() + " silently missed event " + i + " (roomSeq " + seq + "); told " + told);
    }
  }

  private static JsonObject opError(WsClient client, String clientOpId) throws Exception {
    return client
        .await(
            "err:op",
            m -> clientOpId.equals(m.getJsonObject("data").getString("clientOpId", null)),
            ANSWER)
        .getJsonObject("data");
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // the node may refuse while it recovers; try again
      }
      Thread.sleep(100);
    }
    throw new AssertionError(what + " within " + timeout);
  }

  /** What happens to Redis half-way through a stream. */
  private interface Loss {
    void happen() throws Exception;
  }
}
