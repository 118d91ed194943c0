package dev.roomcast.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.locks.control.LockService;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LockServiceTest {

  private final Fixture fx = new Fixture();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final LockService locks =
      new LockService(
          fx.changes,
          scheduler,
          Duration.ofSeconds(60),
          Duration.ofSeconds(600),
          Clock.systemUTC());
  private RecordingSink viewer;

  @BeforeEach
  void createRoom() {
    fx.rooms.create(new CreateRoom("r1", null, false, false));
    viewer = fx.member("viewer", RoomNames.ofRoom("r1"));
  }

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void lockLapsesAndBroadcastsNull_F0_5() throws Exception {
    locks.acquire("a", "r1", "Uploading", "alice", 1);
    assertNotNull(fx.rooms.get("r1").metadataLocked());
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    JsonObject last = lastUpdate();
    while (last.get("metadataLocked") != JsonValue.NULL && System.nanoTime() < deadline) {
      Thread.sleep(20);
      last = lastUpdate();
    }
    assertEquals(JsonValue.NULL, last.get("metadataLocked"), "the lapse is broadcast");
    assertNull(fx.rooms.get("r1").metadataLocked());
  }

  private JsonObject lastUpdate() {
    List<JsonObject> updates = viewer.ofType("room:update");
    return updates.get(updates.size() - 1).getJsonObject("data");
  }

  @Test
  void refreshKeepsTheLockPastItsFirstTtl_F0_5() throws Exception {
    locks.acquire("a", "r1", "Uploading", "alice", 1);
    Thread.sleep(600);
    locks.refresh("a", "r1", 2);
    Thread.sleep(700);
    assertNotNull(fx.rooms.get("r1").metadataLocked(), "refreshed lock must outlive first TTL");
  }

  @Test
  void onlyTheHolderMayRefreshMessageOrRelease_F0_5() {
    locks.acquire("a", "r1", "Uploading", "alice", 30);
    assertEquals(
        ErrorCode.LOCK_HELD,
        assertThrows(RequestRejected.class, () -> locks.acquire("b", "r1", "x", "bob", 30)).code());
    assertEquals(
        ErrorCode.NOT_LOCK_HOLDER,
        assertThrows(RequestRejected.class, () -> locks.refresh("b", "r1", 30)).code());
    assertEquals(
        ErrorCode.NOT_LOCK_HOLDER,
        assertThrows(RequestRejected.class, () -> locks.message("b", "r1", "mine")).code());
    assertEquals(
        ErrorCode.NOT_LOCK_HOLDER,
        assertThrows(RequestRejected.class, () -> locks.release("b", "r1")).code());
    locks.release("a", "r1");
    assertNull(fx.rooms.get("r1").metadataLocked());
  }

  @Test
  void refreshChangesNothingVisibleSoBroadcastsNothing_F0_4() {
    locks.acquire("a", "r1", "Uploading", "alice", 30);
    int before = viewer.ofType("room:update").size();
    locks.refresh("a", "r1", 60);
    assertEquals(before, viewer.ofType("room:update").size());
  }

  @Test
  void holderDisconnectReleasesItsLocks_F0_5() {
    locks.acquire("a", "r1", "Uploading", "alice", 30);
    locks.releaseAll("a");
    assertNull(fx.rooms.get("r1").metadataLocked());
    JsonObject last = viewer.ofType("room:update").get(viewer.ofType("room:update").size() - 1);
    assertTrue(last.getJsonObject("data").isNull("metadataLocked"));
  }

  @Test
  void refreshReplacesTheExpiryTaskAndReleaseCancelsIt_B12() {
    ScheduledThreadPoolExecutor tasks = new ScheduledThreadPoolExecutor(1);
    tasks.setRemoveOnCancelPolicy(true);
    try {
      LockService own =
          new LockService(
              fx.changes,
              tasks,
              Duration.ofSeconds(60),
              Duration.ofSeconds(600),
              Clock.systemUTC());
      own.acquire("a", "r1", "Uploading", "alice", 600);
      for (int i = 0; i < 5; i++) {
        own.refresh("a", "r1", 600);
      }
      assertEquals(1, tasks.getQueue().size(), "one expiry task per lock, however often refreshed");
      own.release("a", "r1");
      assertEquals(0, tasks.getQueue().size(), "a released lock has no expiry task left");
      own.acquire("a", "r1", "again", "alice", 600);
      own.releaseAll("a");
      assertEquals(0, tasks.getQueue().size(), "nor has the lock of a closed connection");
    } finally {
      tasks.shutdownNow();
    }
  }

  @Test
  void undeployCancelsEveryExpiryTask_B12() {
    ScheduledThreadPoolExecutor tasks = new ScheduledThreadPoolExecutor(1);
    tasks.setRemoveOnCancelPolicy(true);
    try {
      LockService own =
          new LockService(
              fx.changes,
              tasks,
              Duration.ofSeconds(60),
              Duration.ofSeconds(600),
              Clock.systemUTC());
      for (String id : List.of("r2", "r3", "r4")) {
        fx.rooms.create(new CreateRoom(id, null, false, false));
        own.acquire("a", id, "Uploading", "alice", 600);
      }
      assertEquals(3, tasks.getQueue().size());
      own.stop();
      assertEquals(0, tasks.getQueue().size());
      assertEquals(0, own.scheduledExpiries());
    } finally {
      tasks.shutdownNow();
    }
  }
}
