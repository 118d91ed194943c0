package dev.roomcast.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.entity.LockHold;
import dev.roomcast.rooms.entity.LockMetadata;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.RoomMetadata;
import dev.roomcast.rooms.entity.StoredRoom;
import dev.roomcast.state.control.RoomStore;
import dev.roomcast.state.entity.HistoryEntry;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomStore} must do, whatever keeps the state: the in-memory and the Redis
 * implementation both run these tests.
 */
public abstract class RoomStoreContract {

  protected RoomStore store;

  /** A new, empty store. */
  protected abstract RoomStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
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
    assertEquals(0, store.currentRoomSeq("room:a"));
    assertEquals(1, store.nextRoomSeq("room:a"));
    assertEquals(2, store.nextRoomSeq("room:a"));
    assertEquals(1, store.nextRoomSeq("room:b"));
    assertEquals(2, store.currentRoomSeq("room:a"));
    long server = store.currentServerSeq();
    assertEquals(server + 1, store.nextServerSeq());
    assertEquals(server + 1, store.currentServerSeq());
  }

  @Test
  void historyKeepsTheNewestEventsUpToTheCountLimitInOrder_F2_6() {
    long now = System.currentTimeMillis();
    for (long seq = 1; seq <= 1005; seq++) {
      store.append("room:h", new HistoryEntry(seq, now, "{\"roomSeq\":" + seq + "}"));
    }
    List<HistoryEntry> all = store.after("room:h", 0);
    assertEquals(1000, all.size(), "bounded by the default 1000 events");
    assertEquals(6, all.get(0).roomSeq());
    assertEquals(1005, all.get(999).roomSeq());
    List<HistoryEntry> tail = store.after("room:h", 1002);
    assertEquals(List.of(1003L, 1004L, 1005L), tail.stream().map(HistoryEntry::roomSeq).toList());
    assertEquals("{\"roomSeq\":1003}", tail.get(0).frame());
    assertEquals(now, store.lastPublishedAt("room:h").getAsLong());
    assertTrue(store.after("room:other", 0).isEmpty());
    assertTrue(store.lastPublishedAt("room:other").isEmpty());
  }

  @Test
  void epochIsStablePerRoomAndChangesWhenTheStoreStartsOver_F2_6() {
    String epoch = store.epoch("room:e");
    assertEquals(epoch, store.epoch("room:e"));
    assertTrue(!epoch.isBlank());
    assertTrue(!epoch.equals(newStore().epoch("room:e")), "a new store is a new epoch");
  }

  // presence (F4.4, F3.8), per-IP limits (F4.2) and public users (F4.6)

  @Test
  void userWithTwoConnectionsIsOneOccupantUntilBothExit() {
    var first = store.enter("room:p", "ann", "Ann", "s1", true, "2026-01-01T00:00:00Z");
    assertTrue(first.occupantsChanged());
    assertEquals(1, first.occupancy());
    var second = store.enter("room:p", "ann", "Ann", "s2", true, "2026-01-01T00:00:01Z");
    assertEquals(false, second.occupantsChanged());
    assertEquals(2, second.user().connections().size());
    store.enter("room:p", "bob", "Bob", "s3", true, "2026-01-01T00:00:02Z");
    assertEquals(
        List.of("ann", "bob"), store.present("room:p").stream().map(u -> u.userId()).toList());

    var oneLeft = store.exit("room:p", "ann", "s1").orElseThrow();
    assertEquals(false, oneLeft.occupantsChanged());
    assertEquals(2, oneLeft.occupancy());
    var gone = store.exit("room:p", "ann", "s2").orElseThrow();
    assertTrue(gone.occupantsChanged());
    assertEquals(1, gone.occupancy());
    assertTrue(store.exit("room:p", "ann", "s2").isEmpty());
  }

  @Test
  void activityIsPerConnection() {
    store.enter("room:a", "ann", "Ann", "s1", true, "2026-01-01T00:00:00Z");
    store.enter("room:a", "ann", "Ann", "s2", true, "2026-01-01T00:00:00Z");
    assertTrue(store.markActive("room:a", "ann", "s1", false));
    assertTrue(store.present("room:a").get(0).anyActive());
    store.markActive("room:a", "ann", "s2", false);
    assertEquals(false, store.present("room:a").get(0).anyActive());
    assertEquals(false, store.markActive("room:a", "nobody", "s9", true));
    assertTrue(store.exitUser("room:a", "ann").orElseThrow().occupantsChanged());
    assertTrue(store.present("room:a").isEmpty());
  }

  @Test
  void perIpLimitCountsLiveEntriesOnly() {
    assertTrue(store.admit("hash-1", "s1", 2, 1000, 60_000));
    assertTrue(store.admit("hash-1", "s2", 2, 1000, 60_000));
    assertEquals(false, store.admit("hash-1", "s3", 2, 1000, 60_000));
    assertTrue(store.admit("hash-2", "s4", 2, 1000, 60_000), "other addresses are not affected");
    store.release("hash-1", "s1");
    assertTrue(store.admit("hash-1", "s3", 2, 2000, 60_000));
    assertEquals(2, store.connectionCount("hash-1", 2000, 60_000));
    // an hour later every entry is stale
    store.purgeStale(1000 + 3_600_000, 60_000);
    assertEquals(0, store.connectionCount("hash-1", 1000 + 3_600_000, 60_000));
  }

  @Test
  void publicUsersAreKeptWithTheirAddressHash() {
    long now = System.currentTimeMillis();
    store.saveUser(
        new dev.roomcast.publicrooms.entity.PublicUser("u1", "Ann", "hash", "t"), now, 60_000);
    assertEquals("hash", store.publicUser("u1", now, 60_000).orElseThrow().ipHash());
    assertTrue(store.publicUser("u2", now, 60_000).isEmpty());
  }

  @Test
  void usersCreatedPerAddressAreCountedPerWindow_B12() {
    long now = System.currentTimeMillis();
    assertEquals(1, store.countUserCreation("hash-a", now, 60_000));
    assertEquals(2, store.countUserCreation("hash-a", now, 60_000));
    assertEquals(1, store.countUserCreation("hash-b", now, 60_000), "per address");
  }

  @Test
  void aNewStreamStartsWithANewEpochAndAnEmptyHistory_F2_6() {
    String epoch = store.position("room:s").epoch();
    assertEquals(0, store.position("room:s").roomSeq());
    assertEquals(1, store.nextRoomSeq("room:s"));
    store.append("room:s", new HistoryEntry(1, System.currentTimeMillis(), "{\"e\":1}"));
    assertEquals(new dev.roomcast.state.entity.StreamPosition(1, epoch), store.position("room:s"));
    assertEquals(1, store.after("room:s", 0).size());
    assertEquals(
        java.util.Map.of("room:s", epoch), store.keepAlive(List.of("room:s", "room:none")));
  }
}
