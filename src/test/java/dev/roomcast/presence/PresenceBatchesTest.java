package dev.roomcast.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.connection.control.RateLimit;
import dev.roomcast.presence.control.InMemoryPresenceStore;
import dev.roomcast.presence.control.PresenceBatches;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batched presence (F4.4): {@code presence:diff} for kinds with {@code presence=batched}. */
class PresenceBatchesTest {

  private static final String HALL = "hall:h";

  private final Fixture fixture = new Fixture();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final Map<Connection, RecordingSink> sinks = new HashMap<>();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private final InMemoryPresenceStore store = new InMemoryPresenceStore();

  private PresenceBatches batches(Duration window) {
    return new PresenceBatches(fixture.events, store, scheduler, window);
  }

  private PresenceService presence(PresenceBatches batches) {
    return new PresenceService(store, fixture.events, RoomKinds.defaults(), batches);
  }

  private Connection member(String userId, String room) {
    RecordingSink sink = new RecordingSink("s-" + userId);
    Connection connection =
        new Connection(
            "s-" + userId,
            new Outbox(sink, 10_000),
            new Identity(userId, "User " + userId, true),
            null,
            null,
            RateLimit.unlimited());
    fixture.registry.join(connection, room);
    sinks.put(connection, sink);
    return connection;
  }

  private static List<String> ids(JsonObject diff, String list) {
    return diff.getJsonObject("data").getJsonArray(list).stream()
        .map(v -> ((JsonObject) v).getString("userId"))
        .toList();
  }

  @Test
  void aLoneJoinGoesOutAtOnceAndTheRestOfItsWindowInOneDiff() {
    // a window that never ends by itself: flushAll ends it where the test wants
    PresenceBatches batches = batches(Duration.ofHours(1));
    PresenceService presence = presence(batches);
    RecordingSink watcher = fixture.member("w", HALL);

    presence.joined(member("ann", HALL), HALL);
    List<JsonObject> diffs = watcher.ofType("presence:diff");
    assertEquals(1, diffs.size(), "the first change of a quiet room is not held back");
    assertEquals(List.of("ann"), ids(diffs.get(0), "joins"));
    assertEquals(1, diffs.get(0).getJsonObject("data").getInt("currentOccupancy"));

    Connection bob = member("bob", HALL);
    presence.joined(bob, HALL);
    Connection cid = member("cid", HALL);
    presence.joined(cid, HALL);
    Connection dan = member("dan", HALL);
    presence.joined(dan, HALL);
    presence.left(cid, HALL);
    assertEquals(1, watcher.ofType("presence:diff").size(), "the window collects");

    batches.flushAll();
    JsonObject burst = watcher.ofType("presence:diff").get(1);
    assertEquals(List.of("bob", "dan"), ids(burst, "joins"), "cid came and went: in neither list");
    assertEquals(List.of(), ids(burst, "leaves"));
    assertEquals(3, burst.getJsonObject("data").getInt("currentOccupancy"));
    assertEquals(0, batches.activeBatches(), "no window runs after a flush");

    // bob leaves (at once: a new window), comes back and dan leaves within the window
    presence.left(bob, HALL);
    assertEquals(List.of("bob"), ids(watcher.ofType("presence:diff").get(2), "leaves"));
    presence.joined(bob, HALL);
    presence.left(dan, HALL);
    presence.left(bob, HALL);
    presence.joined(bob, HALL);
    batches.flushAll();
    JsonObject last = watcher.ofType("presence:diff").get(3);
    assertEquals(List.of("bob"), ids(last, "joins"), "back within the window: a fresh entry");
    assertEquals(List.of("dan"), ids(last, "leaves"));
    assertEquals(2, last.getJsonObject("data").getInt("currentOccupancy"));
    assertEquals(4, watcher.ofType("presence:diff").size());
    assertTrue(watcher.ofType("user-joined").isEmpty(), "a batched kind sends no per-user event");
  }

  @Test
  void aRoomFillsInDeliveriesLinearInItsSizeWhereEachJoinIsAnnouncedQuadratically() {
    int n = 100;
    PresenceBatches batches = batches(Duration.ofHours(1));
    PresenceService presence = presence(batches);
    List<Connection> each = new ArrayList<>();
    List<Connection> batched = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Connection perUser = member("e" + i, "room:r");
      presence.joined(perUser, "room:r");
      each.add(perUser);
      Connection inHall = member("b" + i, HALL);
      presence.joined(inHall, HALL);
      batched.add(inHall);
    }
    batches.flushAll();
    long perUserDeliveries =
        each.stream().mapToLong(c -> sink(c).ofType("user-joined").size()).sum();
    long batchedDeliveries =
        batched.stream().mapToLong(c -> sink(c).ofType("presence:diff").size()).sum();
    // each user-joined goes to everyone already there: n(n+1)/2
    assertEquals((long) n * (n + 1) / 2, perUserDeliveries);
    // the first join at once, the other n-1 in one diff to all n
    assertEquals(1 + n, batchedDeliveries);
    JsonObject all = sink(batched.get(0)).ofType("presence:diff").get(1);
    assertEquals(n - 1, ids(all, "joins").size());
    assertEquals(n, all.getJsonObject("data").getInt("currentOccupancy"));
  }

  @Test
  void aDiffNamesAtMostAThousandUsers() {
    PresenceBatches batches = batches(Duration.ofHours(1));
    PresenceService presence = presence(batches);
    RecordingSink watcher = fixture.member("w", HALL);
    for (int i = 0; i < 2500; i++) {
      presence.joined(member("u" + i, HALL), HALL);
    }
    batches.flushAll();
    List<Integer> sizes =
        watcher.ofType("presence:diff").stream().map(d -> ids(d, "joins").size()).toList();
    assertEquals(List.of(1, 1000, 1000, 499), sizes);
  }

  @Test
  void theWindowEndsByItselfAndTheBatchIsGone() throws Exception {
    PresenceBatches batches = batches(Duration.ofMillis(50));
    PresenceService presence = presence(batches);
    RecordingSink watcher = fixture.member("w", HALL);
    presence.joined(member("ann", HALL), HALL);
    presence.joined(member("bob", HALL), HALL);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while ((watcher.ofType("presence:diff").size() < 2 || batches.activeBatches() > 0)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(2, watcher.ofType("presence:diff").size());
    assertEquals(List.of("bob"), ids(watcher.ofType("presence:diff").get(1), "joins"));
    assertEquals(0, batches.activeBatches(), "a quiet window ends its batch (B12)");
  }

  @Test
  void releasingANodeAnnouncesItsDeparturesWithoutWaitingForTheWindow() {
    PresenceBatches batches = batches(Duration.ofHours(1));
    PresenceService presence = presence(batches);
    RecordingSink watcher = fixture.member("w", HALL);
    presence.joined(member("ann", HALL), HALL);
    presence.joined(member("bob", HALL), HALL);
    presence.releaseNode("no-such-node");
    List<JsonObject> diffs = watcher.ofType("presence:diff");
    assertEquals(2, diffs.size());
    assertEquals(
        List.of("bob"),
        diffs.get(1).getJsonObject("data").getJsonArray("joins").stream()
            .map(v -> ((JsonObject) v).get("userId"))
            .map(v -> ((JsonString) v).getString())
            .toList());
  }

  private RecordingSink sink(Connection connection) {
    return sinks.get(connection);
  }
}
