package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.handshake.control.ConnectionLimitStore;
import dev.roomcast.presence.control.PresenceStore;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.publicrooms.control.PublicUserStore;
import dev.roomcast.rooms.control.HistoryStore;
import dev.roomcast.rooms.control.RoomStore;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.LockHold;
import dev.roomcast.rooms.entity.LockMetadata;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.RoomMetadata;
import dev.roomcast.rooms.entity.StoredRoom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, whatever keeps the state: the in-memory and the Redis implementations
 * of each component's store port both run these tests.
 */
public abstract class RoomStoreContract {

  protected RoomStore store;
  protected HistoryStore history;
  protected EventRecorder recorder;
  protected PresenceStore presence;
  protected ConnectionLimitStore limits;
  protected PublicUserStore publicUsers;

  /** New, empty stores of one backend. */
  protected abstract Stores newStores();

  /**
   * Numbers one event of {@code room} and records it as the backend's publisher does; its frame
   * starts with {@code {"roomSeq":<n>}}. Returns the roomSeq.
   */
  @FunctionalInterface
  protected interface EventRecorder {
    long record(String room, long timestamp);
  }

  /** One backend's stores, one per component that owns one. */
  protected record Stores(
      RoomStore rooms,
      HistoryStore history,
      EventRecorder recorder,
      PresenceStore presence,
      ConnectionLimitStore limits,
      PublicUserStore publicUsers) {}

  @BeforeEach
  void createStores() {
    Stores stores = newStores();
    store = stores.rooms();
    history = stores.history();
    recorder = stores.recorder();
    presence = stores.presence();
    limits = stores.limits();
    publicUsers = stores.publicUsers();
  }

  private static StoredRoom room(String id) {
    return StoredRoom.of(RoomMetadata.created(id, "desc " + id, false));
  }

  @Test
  void createsListsInIdOrderAndReads_B1() {
    store.create(room("b"));
    RoomChange created = store.create(room("a"));
    assertTrue(created.created());
    assertEquals(List.of("a", "b"), store.rooms().stream().map(StoredRoom::id).toList());
    assertEquals("desc a", store.room("a").orElseThrow().metadata().description());
    assertTrue(store.room("zzz").isEmpty());
  }

  @Test
  void refusesADuplicateId_B1() {
    store.create(room("a"));
    assertEquals(
        ErrorCode.ROOM_EXISTS,
        assertThrows(RequestRejected.class, () -> store.create(room("a"))).code());
  }

  @Test
  void updateReturnsBeforeAndAfterAndKeepsLockHolds_B1() {
    store.create(room("a"));
    LockHold hold = new LockHold("sid-1", 123_456L);
    RoomChange change =
        store.update("a", r -> r.withLock(new LockMetadata("Uploading", "alice", 1.5), hold));
    assertNull(change.before().lockHold());
    assertEquals(hold, change.after().lockHold());
    StoredRoom read = store.room("a").orElseThrow();
    assertEquals(hold, read.lockHold());
    assertEquals("alice", read.metadata().metadataLocked().userName());
  }

  @Test
  void refusedUpdateWritesNothing_B1() {
    store.create(room("a"));
    assertThrows(
        RequestRejected.class,
        () ->
            store.update(
                "a",
                r -> {
                  throw new RequestRejected(ErrorCode.ROOM_LOCKED, "no");
                }));
    assertEquals("desc a", store.room("a").orElseThrow().metadata().description());
    assertEquals(
        ErrorCode.ROOM_NOT_FOUND,
        assertThrows(RequestRejected.class, () -> store.update("nope", r -> r)).code());
  }

  @Test
  void concurrentUpdatesAreAtomic_B1() throws Exception {
    store.create(room("a"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done =
          java.util.stream.IntStream.range(0, 4)
              .mapToObj(
                  t ->
                      pool.submit(
                          () -> {
                            for (int i = 0; i < 100; i++) {
                              store.update(
                                  "a",
                                  r ->
                                      r.withMetadata(
                                          r.metadata()
                                              .withFrameCount(r.metadata().frameCount() + 1)));
                            }
                          }))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(400, store.room("a").orElseThrow().metadata().frameCount());
  }

  @Test
  void deleteHonoursItsGuardAndClearsTheDefault_B1() {
    store.create(room("a"));
    store.setDefault("a");
    assertThrows(
        RequestRejected.class,
        () ->
            store.delete(
                "a",
                r -> {
                  throw new RequestRejected(ErrorCode.ROOM_LOCKED, "locked");
                }));
    assertTrue(store.room("a").isPresent());
    assertTrue(store.delete("a", r -> {}).deleted());
    assertTrue(store.room("a").isEmpty());
    assertTrue(store.defaultRoomId().isEmpty());
    assertTrue(store.rooms().isEmpty());
    assertEquals(
        ErrorCode.ROOM_NOT_FOUND,
        assertThrows(RequestRejected.class, () -> store.delete("a", r -> {})).code());
  }

  @Test
  void setDefaultChangesOldThenNew_B1() {
    store.create(room("a"));
    store.create(room("b"));
    List<RoomChange> first = store.setDefault("a");
    assertEquals(1, first.size());
    assertTrue(first.get(0).after().metadata().isDefault());
    List<RoomChange> second = store.setDefault("b");
    assertEquals(List.of("a", "b"), second.stream().map(RoomChange::roomId).toList());
    assertTrue(!second.get(0).after().metadata().isDefault());
    assertTrue(second.get(1).after().metadata().isDefault());
    assertEquals("b", store.defaultRoomId().orElseThrow());
    assertTrue(store.setDefault("b").isEmpty(), "no change, no updates");
    assertEquals(
        ErrorCode.ROOM_NOT_FOUND,
        assertThrows(RequestRejected.class, () -> store.setDefault("nope")).code());
    assertEquals(1, store.setDefault(null).size());
    assertTrue(store.defaultRoomId().isEmpty());
  }

  @Test
  void sequencesStartAtOnePerRoomAndGrow_B1() {
    long now = System.currentTimeMillis();
    assertEquals(0, history.currentRoomSeq("room:a"));
    long server = history.currentServerSeq();
    assertEquals(1, recorder.record("room:a", now));
    assertEquals(2, recorder.record("room:a", now));
    assertEquals(1, recorder.record("room:b", now));
    assertEquals(2, history.currentRoomSeq("room:a"));
    assertEquals(server + 3, history.currentServerSeq(), "one server sequence over all rooms");
  }

  @Test
  void historyKeepsTheNewestEventsUpToTheCountLimitInOrder_F2_6() {
    long now = System.currentTimeMillis();
    for (long seq = 1; seq <= 1005; seq++) {
      assertEquals(seq, recorder.record("room:h", now));
    }
    List<HistoryEntry> all = history.after("room:h", 0);
    assertEquals(1000, all.size(), "bounded by the default 1000 events");
    assertEquals(6, all.get(0).roomSeq());
    assertEquals(1005, all.get(999).roomSeq());
    List<HistoryEntry> tail = history.after("room:h", 1002);
    assertEquals(List.of(1003L, 1004L, 1005L), tail.stream().map(HistoryEntry::roomSeq).toList());
    assertTrue(tail.get(0).frame().startsWith("{\"roomSeq\":1003"), tail.get(0).frame());
    assertEquals(now, history.lastPublishedAt("room:h").getAsLong());
    assertTrue(history.after("room:other", 0).isEmpty());
    assertTrue(history.lastPublishedAt("room:other").isEmpty());
  }

  @Test
  void epochIsStablePerRoomAndChangesWhenTheStoreStartsOver_F2_6() {
    String epoch = history.epoch("room:e");
    assertEquals(epoch, history.epoch("room:e"));
    assertTrue(!epoch.isBlank());
    assertTrue(!epoch.equals(newStores().history().epoch("room:e")), "a new store is a new epoch");
  }

  // presence (F4.4, F3.8), per-IP limits (F4.2) and public users (F4.6)

  @Test
  void userWithTwoConnectionsIsOneOccupantUntilBothExit() {
    var first = presence.enter("room:p", "ann", "Ann", "s1", true, "2026-01-01T00:00:00Z");
    assertTrue(first.occupantsChanged());
    assertEquals(1, first.occupancy());
    var second = presence.enter("room:p", "ann", "Ann", "s2", true, "2026-01-01T00:00:01Z");
    assertEquals(false, second.occupantsChanged());
    assertEquals(2, second.user().connections().size());
    presence.enter("room:p", "bob", "Bob", "s3", true, "2026-01-01T00:00:02Z");
    assertEquals(
        List.of("ann", "bob"), presence.present("room:p").stream().map(u -> u.userId()).toList());
    assertEquals(2, presence.occupancy("room:p"), "users, not connections");
    assertEquals(0, presence.occupancy("room:nobody"));

    var oneLeft = presence.exit("room:p", "ann", "s1").orElseThrow();
    assertEquals(false, oneLeft.occupantsChanged());
    assertEquals(2, oneLeft.occupancy());
    var gone = presence.exit("room:p", "ann", "s2").orElseThrow();
    assertTrue(gone.occupantsChanged());
    assertEquals(1, gone.occupancy());
    assertEquals(1, presence.occupancy("room:p"));
    assertTrue(presence.exit("room:p", "ann", "s2").isEmpty());
  }

  @Test
  void activityIsPerConnection() {
    presence.enter("room:a", "ann", "Ann", "s1", true, "2026-01-01T00:00:00Z");
    presence.enter("room:a", "ann", "Ann", "s2", true, "2026-01-01T00:00:00Z");
    assertTrue(presence.markActive("room:a", "ann", "s1", false));
    assertTrue(presence.present("room:a").get(0).anyActive());
    presence.markActive("room:a", "ann", "s2", false);
    assertEquals(false, presence.present("room:a").get(0).anyActive());
    assertEquals(false, presence.markActive("room:a", "nobody", "s9", true));
    assertTrue(presence.exitUser("room:a", "ann").orElseThrow().occupantsChanged());
    assertTrue(presence.present("room:a").isEmpty());
  }

  @Test
  void perIpLimitCountsLiveEntriesOnly() {
    assertTrue(limits.admit("hash-1", "s1", 2, 1000, 60_000));
    assertTrue(limits.admit("hash-1", "s2", 2, 1000, 60_000));
    assertEquals(false, limits.admit("hash-1", "s3", 2, 1000, 60_000));
    assertTrue(limits.admit("hash-2", "s4", 2, 1000, 60_000), "other addresses are not affected");
    limits.release("hash-1", "s1");
    assertTrue(limits.admit("hash-1", "s3", 2, 2000, 60_000));
    assertEquals(2, limits.connectionCount("hash-1", 2000, 60_000));
    // an hour later every entry is stale
    limits.purgeStale(1000 + 3_600_000, 60_000);
    assertEquals(0, limits.connectionCount("hash-1", 1000 + 3_600_000, 60_000));
  }

  @Test
  void publicUsersAreKeptWithTheirAddressHash() {
    long now = System.currentTimeMillis();
    publicUsers.saveUser(
        new dev.roomcast.publicrooms.entity.PublicUser("u1", "Ann", "hash", "t"), now, 60_000);
    assertEquals("hash", publicUsers.publicUser("u1", now, 60_000).orElseThrow().ipHash());
    assertTrue(publicUsers.publicUser("u2", now, 60_000).isEmpty());
  }

  @Test
  void usersCreatedPerAddressAreCountedPerWindow_B12() {
    long now = System.currentTimeMillis();
    assertEquals(1, publicUsers.countUserCreation("hash-a", now, 60_000));
    assertEquals(2, publicUsers.countUserCreation("hash-a", now, 60_000));
    assertEquals(1, publicUsers.countUserCreation("hash-b", now, 60_000), "per address");
  }

  @Test
  void aNewStreamStartsWithANewEpochAndAnEmptyHistory_F2_6() {
    String epoch = history.position("room:s").epoch();
    assertEquals(0, history.position("room:s").roomSeq());
    assertEquals(1, recorder.record("room:s", System.currentTimeMillis()));
    assertEquals(
        new dev.roomcast.rooms.entity.StreamPosition(1, epoch), history.position("room:s"));
    assertEquals(1, history.after("room:s", 0).size());
    assertEquals(
        java.util.Map.of("room:s", epoch), history.keepAlive(List.of("room:s", "room:none")));
  }
}
