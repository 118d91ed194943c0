package dev.roomcast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.cluster.control.RedisEventBus;
import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.rooms.control.RedisHistory;
import dev.roomcast.rooms.control.RoomFanOut;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.rooms.control.SharedDistribution;
import dev.roomcast.rooms.entity.ClusterEvent;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.StreamPosition;
import dev.roomcast.support.RecordingSink;
import dev.roomcast.support.RedisTestServer;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * The distribution rooms use on the Redis store, on a real Redis: two "nodes", each with its own
 * members, publishing into one room.
 */
class SharedDistributionTest {

  private static final String ROOM = "room:shared";
  private final URI url = RedisTestServer.url();
  private final String prefix = "shared-" + UUID.randomUUID() + ":";
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final HistoryLimits limits = new HistoryLimits(1000, Duration.ofMinutes(5));

  /** One node: its bus, its history, its members and the distribution between them. */
  private final class Node {
    final JedisPool pool = new JedisPool(new JedisPoolConfig(), url, 2000, 2000);
    final RedisEventBus bus = new RedisEventBus(pool, url, prefix, limits);
    final RedisHistory history = new RedisHistory(pool, prefix, limits, Clock.systemUTC());
    final RoomRegistry registry = new RoomRegistry();
    final MessageCodec codec = new MessageCodec(JsonbBuilder.create());
    final ServerSequence serverSequence = new ServerSequence();
    final RoomFanOut fanOut =
        new RoomFanOut(
            registry,
            RoomKinds.defaults(),
            codec,
            new EventIds(),
            serverSequence,
            Clock.systemUTC());
    final SharedDistribution distribution =
        new SharedDistribution(
            fanOut, history, codec, new EventIds(), Clock.systemUTC(), serverSequence, bus);

    Node() {
      opened.add(distribution);
      opened.add(bus);
      opened.add(pool);
    }

    RecordingSink member(String sid) {
      RecordingSink sink = new RecordingSink(sid);
      registry.join(new Connection(sid, new Outbox(sink, 10_000)), ROOM);
      return sink;
    }

    void subscribe() throws InterruptedException {
      bus.start(distribution::deliver, distribution::catchUp);
      await(bus::isSubscribed);
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Test
  void membersOnEveryNodeGetEveryNodesEventsInRoomSeqOrder_B1() throws Exception {
    Node a = new Node();
    Node b = new Node();
    RecordingSink atA = a.member("a1");
    RecordingSink atB = b.member("b1");
    a.subscribe();
    b.subscribe();

    int perNode = 200;
    ExecutorService publishers = Executors.newFixedThreadPool(2);
    CountDownLatch done = new CountDownLatch(2);
    for (Node node : List.of(a, b)) {
      publishers.execute(
          () -> {
            for (int i = 0; i < perNode; i++) {
              node.distribution.publish(ROOM, "frame_update", Map.of("i", i));
            }
            done.countDown();
          });
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    publishers.shutdown();
    for (RecordingSink member : List.of(atA, atB)) {
      await(() -> member.frames().size() >= 2 * perNode);
      assertEquals(2 * perNode, member.frames().size(), "no duplicates");
      long expected = 1;
      for (JsonObject event : member.messages()) {
        assertEquals(expected++, event.getJsonNumber("roomSeq").longValue(), "in order, no gap");
      }
    }
  }

  @Test
  void eventsThePubSubLostAreFilledFromHistoryBeforeTheNextOne_B1() throws Exception {
    Node publisher = new Node();
    Node receiver = new Node(); // not subscribed: it gets only what is handed to it below
    RecordingSink member = receiver.member("r1");
    StreamPosition start = publisher.history.position(ROOM);
    receiver.distribution.follow(ROOM, new RoomPosition(start.roomSeq(), start.epoch()));
    for (int i = 1; i <= 3; i++) {
      publisher.distribution.publish(ROOM, "frame_update", Map.of("i", i));
    }
    HistoryEntry third = receiver.history.after(ROOM, 2).get(0);
    String epoch = receiver.history.position(ROOM).epoch();

    receiver.distribution.deliver(new ClusterEvent(ROOM, 3, 3, epoch, third.frame()));

    await(() -> member.frames().size() >= 3);
    assertEquals(
        List.of(1L, 2L, 3L),
        member.messages().stream().map(m -> m.getJsonNumber("roomSeq").longValue()).toList());
    receiver.distribution.deliver(new ClusterEvent(ROOM, 2, 2, epoch, "{\"late\":true}"));
    Thread.sleep(200);
    assertEquals(3, member.frames().size(), "an event already filled in is not delivered again");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean());
  }
}
