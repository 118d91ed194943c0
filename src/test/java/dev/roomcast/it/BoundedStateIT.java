package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.HeapProbe;
import dev.roomcast.support.RedisProcess;
import dev.roomcast.support.RoomcastNode;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing a client can name or send grows the server without bound (B12): 10,000 distinct rooms
 * joined and left leave no per-room state on the heap and no keys in Redis, a history flood is held
 * to its byte bounds and ages out without anyone touching the rooms, and one address cannot create
 * public users without limit. Heap figures come from the node's own JVM after a full GC ({@code
 * jcmd}), and are logged.
 */
class BoundedStateIT {

  private static final Logger LOG = Logger.getLogger(BoundedStateIT.class.getName());
  private static final long MIB = 1024 * 1024;
  private static final int CLIENTS = 20;
  private static final int ROOMS_PER_CLIENT = 500;
  private static final String ROOM_LOG = "dev.roomcast.rooms.control.InMemoryHistory$RoomLog";

  private static RedisProcess redis;
  private static RoomcastNode memoryNode;
  private static RoomcastNode redisNode;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> common =
        Map.of(
            "ROOMCAST_HISTORY_MAX_AGE_SECONDS", "5",
            "ROOMCAST_STREAM_IDLE_SECONDS", "5",
            "ROOMCAST_SWEEP_INTERVAL_MILLIS", "1000",
            "ROOMCAST_HISTORY_MAX_TOTAL_BYTES", Long.toString(32 * MIB),
            "ROOMCAST_RATE_LIMIT_PER_SECOND", "2000",
            "ROOMCAST_RATE_LIMIT_BURST", "2000");
    redis = RedisProcess.start();
    Map<String, String> clustered = new java.util.HashMap<>(common);
    clustered.put("ROOMCAST_STORE", "redis");
    clustered.put("REDIS_URL", redis.url().toString());
    List<RoomcastNode> nodes =
        RoomcastNode.startTogether(
            List.of(
                () -> RoomcastNode.start("bounded-memory", common),
                () -> RoomcastNode.start("bounded-redis", clustered)));
    memoryNode = nodes.get(0);
    redisNode = nodes.get(1);
  }

  @AfterAll
  static void stop() throws Exception {
    for (RoomcastNode node : new RoomcastNode[] {memoryNode, redisNode}) {
      if (node != null) {
        node.close();
      }
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static RestClient rest(RoomcastNode node) {
    return new RestClient(node.base().resolve("api/"));
  }

  @Test
  void tenThousandRoomsJoinedAndLeftLeaveNoStateOnTheHeap_B12() throws Exception {
    HeapProbe heap = new HeapProbe(memoryNode.pid());
    long before = heap.usedAfterGc();
    long logsBefore = heap.instances(ROOM_LOG);

    churn(memoryNode);
    long logsRightAfter = heap.instances(ROOM_LOG);
    await(
        "the rooms' streams forgotten",
        Duration.ofSeconds(60),
        () -> instances(heap) <= logsBefore + 10);
    long after = heap.usedAfterGc();
    LOG.info(
        String.format(
            "memory node, %d rooms joined and left: heap after GC %d KiB before, %d KiB after;"
                + " room streams %d before, %d right after the churn, %d after the sweep",
            CLIENTS * ROOMS_PER_CLIENT,
            before / 1024,
            after / 1024,
            logsBefore,
            logsRightAfter,
            heap.instances(ROOM_LOG)));
    assertTrue(
        after <= before + 16 * MIB,
        "heap after GC " + after / 1024 + " KiB, before " + before / 1024 + " KiB");
    assertEquals(0, rest(memoryNode).get("stats").object().getInt("totalConnections"));
  }

  @Test
  void tenThousandRoomsJoinedAndLeftLeaveNoKeysInRedis_B12() throws Exception {
    HeapProbe heap = new HeapProbe(redisNode.pid());
    long before = heap.usedAfterGc();
    long keysBefore = redis.keyCount();

    churn(redisNode);
    long keysRightAfter = redis.keyCount();
    await(
        "the rooms' keys expired",
        Duration.ofSeconds(60),
        () -> redis.keyCount() <= keysBefore + 5);
    long after = heap.usedAfterGc();
    LOG.info(
        String.format(
            "Redis node, %d rooms joined and left: Redis keys %d before, %d right after the churn,"
                + " %d after expiry; heap after GC %d KiB before, %d KiB after",
            CLIENTS * ROOMS_PER_CLIENT,
            keysBefore,
            keysRightAfter,
            redis.keyCount(),
            before / 1024,
            after / 1024));
    assertTrue(
        after <= before + 16 * MIB,
        "heap after GC " + after / 1024 + " KiB, before " + before / 1024 + " KiB");
  }

  @Test
  void historyFloodIsHeldToItsBytesAndAgesOutUntouched_B12() throws Exception {
    HeapProbe heap = new HeapProbe(memoryNode.pid());
    String run = UUID.randomUUID().toString().substring(0, 6);
    int clients = 10;
    int roomsPerClient = 10;
    int eventsPerClient = 200;
    List<String> rooms = new ArrayList<>();
    for (int i = 0; i < clients * roomsPerClient; i++) {
      String id = "flood-" + run + "-" + i;
      assertEquals(201, rest(memoryNode).post("rooms", "{\"id\":\"" + id + "\"}").status());
      rooms.add(id);
    }
    long before = heap.usedAfterGc();
    String payload = "x".repeat(60_000);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Object>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        List<String> own = rooms.subList(c * roomsPerClient, (c + 1) * roomsPerClient);
        done.add(
            pool.submit(
                () -> {
                  try (WsClient client = WsClient.connect(memoryNode.base())) {
                    for (String id : own) {
                      client.send("join", "room:" + id, null, null);
                      client.await("ack:join");
                    }
                    for (int e = 0; e < eventsPerClient; e++) {
                      String id = own.get(e % own.size());
                      client.send(
                          "frame_update",
                          "room:" + id,
                          e == eventsPerClient - 1 ? "last" : null,
                          "{\"e\":" + e + ",\"p\":\"" + payload + "\"}");
                      if (e % 20 == 0) {
                        client.drain(Duration.ofMillis(1));
                      }
                    }
                    client.await(
                        "ack:op",
                        m -> "last".equals(m.getJsonObject("data").getString("clientOpId", null)),
                        Duration.ofSeconds(60));
                  }
                  return null;
                }));
      }
      for (Future<Object> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long published = (long) clients * eventsPerClient * payload.length();
    long rightAfter = heap.usedAfterGc();
    // past the age limit (5 s) and a sweep, with no event and no join in those rooms meanwhile
    Thread.sleep(8_000);
    long aged = heap.usedAfterGc();
    LOG.info(
        String.format(
            "history flood of %d MiB into %d rooms: heap after GC %d KiB before, %d KiB right"
                + " after (total bound 32 MiB), %d KiB once aged out",
            published / MIB, rooms.size(), before / 1024, rightAfter / 1024, aged / 1024));
    assertTrue(
        rightAfter <= before + 32 * MIB + 24 * MIB,
        "right after the flood: " + rightAfter / 1024 + " KiB, before " + before / 1024 + " KiB");
    assertTrue(
        aged <= before + 16 * MIB,
        "aged out untouched: " + aged / 1024 + " KiB, before " + before / 1024 + " KiB");
  }

  @Test
  void oneAddressCreatesAtMostItsAllowanceOfPublicUsers_B12() {
    RestClient api = rest(memoryNode);
    int created = 0;
    RestClient.Reply refused = null;
    for (int i = 0; i < 25 && refused == null; i++) {
      RestClient.Reply reply = api.post("public/users", "{\"userName\":\"u" + i + "\"}");
      if (reply.status() == 201) {
        created++;
      } else {
        refused = reply;
      }
    }
    assertEquals(20, created, "the default allowance per address and hour");
    assertTrue(refused != null, "the 21st is refused");
    assertEquals(429, refused.status());
    assertEquals("RATE_LIMITED", refused.object().getString("code"));
  }

  /** {@link #CLIENTS} anonymous clients each join and leave {@link #ROOMS_PER_CLIENT} rooms. */
  private static void churn(RoomcastNode node) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Object>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        done.add(
            pool.submit(
                () -> {
                  try (WsClient ws = WsClient.connect(node.base())) {
                    for (int r = 0; r < ROOMS_PER_CLIENT; r++) {
                      String room = "server:b" + run + "-" + client + "-" + r;
                      ws.send("join", room, null, null);
                      JsonObject ack = ws.await("ack:join").getJsonObject("data");
                      assertTrue(ack.getBoolean("success"), ack.toString());
                      ws.send("leave", room, null, null);
                      ws.await("ack:leave");
                    }
                  }
                  return null;
                }));
      }
      for (Future<Object> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    await(
        "every client closed",
        Duration.ofSeconds(20),
        () -> rest(node).get("stats").object().getInt("totalConnections") == 0);
  }

  private static long instances(HeapProbe heap) {
    try {
      return heap.instances(ROOM_LOG);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " within " + timeout);
      }
      // a class histogram is a full GC of the node: not too often
      Thread.sleep(2000);
    }
  }
}
