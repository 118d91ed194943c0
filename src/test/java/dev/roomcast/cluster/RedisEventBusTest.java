package dev.roomcast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.cluster.control.RedisEventBus;
import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.rooms.entity.ClusterEvent;
import dev.roomcast.rooms.entity.Numbered;
import dev.roomcast.support.RedisTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Two "nodes" on one real Redis publishing into the same room. */
class RedisEventBusTest {

  private final URI url = RedisTestServer.url();
  private final String prefix = "bus-" + UUID.randomUUID() + ":";
  private final List<AutoCloseable> opened = new ArrayList<>();

  private RedisEventBus node() {
    JedisPool pool = new JedisPool(new JedisPoolConfig(), url, 2000, 2000);
    RedisEventBus bus =
        new RedisEventBus(pool, url, prefix, new HistoryLimits(1000, Duration.ofMinutes(5)));
    opened.add(bus);
    opened.add(pool);
    return bus;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Test
  void everyNodeReceivesEveryEventInRoomSeqOrder_B1() throws Exception {
    RedisEventBus a = node();
    RedisEventBus b = node();
    BlockingQueue<ClusterEvent> atA = new LinkedBlockingQueue<>();
    BlockingQueue<ClusterEvent> atB = new LinkedBlockingQueue<>();
    a.start(atA::add, () -> {});
    b.start(atB::add, () -> {});
    awaitSubscribed(a);
    awaitSubscribed(b);

    int perNode = 300;
    ExecutorService publishers = Executors.newFixedThreadPool(2);
    CountDownLatch done = new CountDownLatch(2);
    for (RedisEventBus bus : List.of(a, b)) {
      publishers.execute(
          () -> {
            for (int i = 0; i < perNode; i++) {
              bus.publish(
                  "room:r", "{\"roomSeq\":", ",\"serverSeq\":", ",\"i\":" + i + "}", 1_000L + i);
            }
            done.countDown();
          });
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    publishers.shutdown();
    for (BlockingQueue<ClusterEvent> received : List.of(atA, atB)) {
      for (long expected = 1; expected <= 2L * perNode; expected++) {
        ClusterEvent event = received.poll(10, TimeUnit.SECONDS);
        assertEquals(expected, event.roomSeq(), "in order, none missing");
        assertTrue(event.frame().startsWith("{\"roomSeq\":" + expected + ",\"serverSeq\":"));
      }
    }
  }

  @Test
  void publishNumbersAndRecordsTheFrameInHistory_B1() {
    RedisEventBus bus = node();
    Numbered first = bus.publish("room:h", "{\"roomSeq\":", ",\"serverSeq\":", "}", 5L);
    Numbered second = bus.publish("room:h", "{\"roomSeq\":", ",\"serverSeq\":", "}", 6L);
    assertEquals(1, first.roomSeq());
    assertEquals(2, second.roomSeq());
    assertEquals(first.serverSeq() + 1, second.serverSeq());
    try (Jedis redis = new Jedis(url)) {
      List<String> history = redis.zrange(prefix + "history:room:h", 0, -1);
      // each history entry is counted against the room's byte bound
      assertEquals(
          history.stream()
              .mapToLong(m -> m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
              .sum(),
          Long.parseLong(redis.hget(prefix + "stream:room:h", "bytes")));
      assertEquals(
          List.of(
              "1|5|{\"roomSeq\":1,\"serverSeq\":" + first.serverSeq() + "}",
              "2|6|{\"roomSeq\":2,\"serverSeq\":" + second.serverSeq() + "}"),
          history);
    }
  }

  private static void awaitSubscribed(RedisEventBus bus) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!bus.isSubscribed() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(bus.isSubscribed());
  }
}
