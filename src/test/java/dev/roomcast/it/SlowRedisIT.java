package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RedisProcess;
import dev.roomcast.support.RedisRelay;
import dev.roomcast.support.RoomcastNode;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis slow for one room only (B1): a relay in front of Redis holds back every command that names
 * room B, the rest pass. While a join or a metadata change in B waits on Redis, the members of room
 * A keep receiving A's events, each within a bound; once Redis answers for B, B's join and change
 * complete. Rooms A and B are picked so that their names fall on the same one of the node's 256
 * room-lock stripes: the case where a lock held across a Redis round trip stalls another room.
 */
class SlowRedisIT {

  private static final Logger LOG = Logger.getLogger(SlowRedisIT.class.getName());
  // the whole stream fits well inside roomcast's 2 s Redis timeout: B's commands must still be
  // waiting (not failed) when it ends
  private static final int EVENTS = 12;
  private static final Duration PACE = Duration.ofMillis(80);
  private static final Duration BOUND = Duration.ofSeconds(1);

  private static RedisProcess redis;
  private static RedisRelay relay;
  private static RoomcastNode node;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisProcess.start();
    relay = RedisRelay.inFrontOf(redis.url());
    node =
        RoomcastNode.start(
            "slowredis",
            Map.of(
                "ROOMCAST_STORE", "redis",
                "REDIS_URL", relay.url().toString(),
                "ROOMCAST_RATE_LIMIT_PER_SECOND", "1000",
                "ROOMCAST_RATE_LIMIT_BURST", "1000"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (relay != null) {
      relay.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void letRedisAnswer() {
    relay.release();
  }

  private static RestClient rest() {
    return new RestClient(node.base().resolve("api/"));
  }

  @Test
  void membersOfOtherRoomsKeepReceivingWhileAJoinWaitsOnRedis_B1() throws Exception {
    String[] ids = roomsOnOneStripe();
    String a = ids[0];
    String b = ids[1];
    try (WsClient member = joined(a);
        WsClient joiner = WsClient.connect(node.base())) {
      relay.hold(b);
      joiner.send("join", "room:" + b, null, null);
      awaitHeld(1);

      List<Long> latencies =
          receiveSteadily(
              member,
              a,
              i ->
                  rest()
                      .post(
                          "events",
                          "{\"room\":\"room:"
                              + a
                              + "\",\"type\":\"frame_update\",\"data\":{\"i\":"
                              + i
                              + "}}"),
              "frame_update",
              m -> m.getJsonObject("data").getInt("i"));
      assertTrue(relay.waiting() >= 1, "room B's join was still waiting on Redis throughout");
      assertFalse(
          joiner.drain(Duration.ofMillis(50)).stream()
              .anyMatch(m -> "ack:join".equals(m.getString("type"))),
          "no ack for B while Redis holds its commands");
      LOG.info("room A while B's join waited: latencies (ms) " + latencies);

      relay.release();
      JsonObject ack =
          joiner.await("ack:join", m -> true, Duration.ofSeconds(10)).getJsonObject("data");
      assertTrue(ack.getBoolean("success"), ack.toString());
    }
  }

  @Test
  void membersOfOtherRoomsKeepReceivingWhileAChangeWaitsOnRedis_B1() throws Exception {
    String[] ids = roomsOnOneStripe();
    String a = ids[0];
    String b = ids[1];
    try (WsClient member = joined(a)) {
      relay.hold(b);
      CompletableFuture<RestClient.Reply> change =
          CompletableFuture.supplyAsync(
              () -> rest().patch("rooms/" + b, "{\"description\":\"changed while slow\"}"));
      awaitHeld(1);

      List<Long> latencies =
          receiveSteadily(
              member,
              a,
              i -> rest().patch("rooms/" + a, "{\"description\":\"d-" + i + "\"}"),
              "room:update",
              m -> {
                JsonObject data = m.getJsonObject("data");
                String description = data.getString("description", "");
                return description.startsWith("d-")
                    ? Integer.parseInt(description.substring(2))
                    : -1;
              });
      assertFalse(change.isDone(), "room B's change was still waiting on Redis throughout");
      LOG.info("room A while B's change waited: latencies (ms) " + latencies);

      relay.release();
      assertEquals(200, change.get(10, TimeUnit.SECONDS).status());
    }
  }

  /**
   * Publishes {@link #EVENTS} events into room A at a steady pace (each from a thread of its own,
   * so a publish that hangs cannot hide a delivery that does not), and returns how long each took
   * to reach A's member; fails as soon as one misses the bound.
   */
  private static List<Long> receiveSteadily(
      WsClient member,
      String roomA,
      IntConsumer publish,
      String type,
      java.util.function.ToIntFunction<JsonObject> number)
      throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      int n = i;
      long sent = System.nanoTime();
      CompletableFuture.runAsync(() -> publish.accept(n));
      try {
        member.await(
            type,
            m -> ("room:" + roomA).equals(m.getString("room", null)) && number.applyAsInt(m) == n,
            BOUND);
      } catch (AssertionError e) {
        throw new AssertionError(
            "event "
                + n
                + " of room A did not arrive within "
                + BOUND.toMillis()
                + " ms while room B waited on Redis (earlier ones took "
                + latencies
                + " ms)",
            e);
      }
      latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
      Thread.sleep(PACE.toMillis());
    }
    return latencies;
  }

  private static WsClient joined(String roomId) throws Exception {
    WsClient member = WsClient.connect(node.base());
    member.send("join", "room:" + roomId, null, null);
    JsonObject ack = member.await("ack:join").getJsonObject("data");
    assertTrue(ack.getBoolean("success"), ack.toString());
    return member;
  }

  private static void awaitHeld(int commands) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (relay.waiting() < commands) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("room B's command never reached the relay");
      }
      Thread.sleep(10);
    }
  }

  /** Two new rooms, A and B, whose wire names share one of the node's 256 room-lock stripes. */
  private static String[] roomsOnOneStripe() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String b = "slow-b-" + tag;
    int stripe = Math.floorMod(("room:" + b).hashCode(), 256);
    String a = null;
    for (int i = 0; a == null; i++) {
      String candidate = "fast-a-" + tag + "-" + i;
      if (Math.floorMod(("room:" + candidate).hashCode(), 256) == stripe) {
        a = candidate;
      }
    }
    for (String id : List.of(a, b)) {
      assertEquals(201, rest().post("rooms", "{\"id\":\"" + id + "\"}").status());
    }
    return new String[] {a, b};
  }
}
