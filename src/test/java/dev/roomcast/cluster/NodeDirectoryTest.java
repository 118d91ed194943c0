package dev.roomcast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.cluster.control.DeadNodeCleanup;
import dev.roomcast.cluster.control.NodeDirectory;
import dev.roomcast.presence.control.InMemoryPresenceStore;
import dev.roomcast.presence.control.PresenceBatches;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.rooms.entity.LockHold;
import dev.roomcast.rooms.entity.LockMetadata;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import dev.roomcast.support.RedisTestServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

class NodeDirectoryTest {

  private final JedisPool pool =
      new JedisPool(new JedisPoolConfig(), RedisTestServer.url(), 2000, 2000);
  private final NodeDirectory directory =
      new NodeDirectory(pool, "nodes-" + UUID.randomUUID() + ":", Duration.ofMillis(300));

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void nodeWithoutHeartbeatIsDeadAndOneSurvivorCleansUp_B1() throws Exception {
    directory.beat("a");
    directory.beat("b");
    assertTrue(directory.deadNodes().isEmpty());
    Thread.sleep(400);
    directory.beat("b");
    assertEquals(List.of("a"), directory.deadNodes());
    assertTrue(directory.claimCleanup("a", "b"));
    assertFalse(directory.claimCleanup("a", "c"), "only one survivor cleans up");
    directory.forget("a");
    assertTrue(directory.deadNodes().isEmpty());
  }

  @Test
  void aDepartingNodeLeavesTheSetOnlyAfterItsRelease_B6() {
    directory.beat("a");
    directory.beat("b");
    List<Boolean> registeredDuringRelease = new java.util.ArrayList<>();
    directory.depart("a", () -> registeredDuringRelease.add(directory.registered("a")));
    assertEquals(List.of(true), registeredDuringRelease, "still registered while it releases");
    assertFalse(directory.registered("a"), "gone once released");
    assertTrue(directory.deadNodes().isEmpty(), "nothing left for the survivors");
  }

  @Test
  void aNodeWhoseReleaseFailsIsLeftToTheSurvivorsAtOnce_B6() {
    directory.beat("a");
    directory.beat("b");
    RuntimeException failure = new IllegalStateException("store failed half-way");
    try {
      directory.depart(
          "a",
          () -> {
            throw failure;
          });
    } catch (IllegalStateException e) {
      assertEquals(failure, e);
    }
    assertTrue(directory.registered("a"), "still registered");
    // no waiting for the heartbeat to lapse: a survivor's next beat finds it dead
    assertEquals(List.of("a"), directory.deadNodes());
    assertTrue(directory.claimCleanup("a", "b"));
  }

  @Test
  void deadNodesLocksAndPresenterAreReleasedWithBroadcasts_B1() {
    Fixture fx = new Fixture();
    fx.rooms.create(new CreateRoom("r1", null, false, false));
    fx.rooms.create(new CreateRoom("r2", null, false, false));
    fx.changes.update(
        "r1",
        r ->
            r.withLock(new LockMetadata("x", "alice", 1.0), new LockHold("dead.s1", Long.MAX_VALUE))
                .withMetadata(
                    r.metadata()
                        .withMetadataLocked(new LockMetadata("x", "alice", 1.0))
                        .withPresenterSid("dead.s1")));
    fx.changes.update("r2", r -> r.withMetadata(r.metadata().withPresenterSid("alive.s2")));
    InMemoryPresenceStore presenceStore = new InMemoryPresenceStore();
    presenceStore.enter("room:r1", "ann", "Ann", "dead.s1", true, "2026-01-01T00:00:00Z");
    presenceStore.enter("room:r1", "bob", "Bob", "alive.s2", true, "2026-01-01T00:00:00Z");
    RecordingSink viewer = fx.member("viewer", RoomNames.ofRoom("r1"));
    PresenceService presence =
        new PresenceService(
            presenceStore,
            fx.events,
            RoomKinds.defaults(),
            new PresenceBatches(
                fx.events,
                presenceStore,
                Executors.newSingleThreadScheduledExecutor(),
                Duration.ofMillis(50)));

    assertEquals(1, new DeadNodeCleanup(fx.store, fx.changes, presence).release("dead"));

    assertNull(fx.rooms.get("r1").metadataLocked());
    assertNull(fx.rooms.get("r1").presenterSid());
    assertEquals("alive.s2", fx.rooms.get("r2").presenterSid(), "other nodes untouched");
    JsonObject update = viewer.ofType("room:update").get(0).getJsonObject("data");
    assertTrue(update.isNull("metadataLocked"));
    assertTrue(update.isNull("presenterSid"));
    JsonObject left = viewer.ofType("user-left").get(0).getJsonObject("data");
    assertEquals("ann", left.getString("userId"));
    assertEquals(1, left.getInt("currentOccupancy"));
    assertEquals(
        List.of("bob"), presenceStore.present("room:r1").stream().map(u -> u.userId()).toList());
  }
}
