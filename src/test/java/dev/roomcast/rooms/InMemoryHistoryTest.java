package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.rooms.control.InMemoryHistory;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.support.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class InMemoryHistoryTest {

  private static final Logger LOG = Logger.getLogger(InMemoryHistoryTest.class.getName());

  private final ManualClock clock = new ManualClock(1_000_000);

  @Test
  void eventsOlderThanTheAgeLimitAreGone_F2_6() {
    InMemoryHistory history =
        new InMemoryHistory(new HistoryLimits(100, Duration.ofSeconds(10)), clock);
    history.append("room:a", new HistoryEntry(1, clock.millis(), "one"));
    clock.advance(6_000);
    history.append("room:a", new HistoryEntry(2, clock.millis(), "two"));
    clock.advance(6_000);
    assertEquals(1, history.after("room:a", 0).size(), "the first is 12 s old");
    assertEquals(2, history.after("room:a", 0).get(0).roomSeq());
    clock.advance(6_000);
    assertTrue(history.after("room:a", 0).isEmpty());
  }

  @Test
  void eachRoomKeepsAtMostItsBytes_B12() {
    InMemoryHistory history =
        new InMemoryHistory(
            new HistoryLimits(1000, Duration.ofMinutes(5), 1 << 20, 64 << 20, Duration.ofHours(1)),
            clock);
    String big = "x".repeat(100_000); // counted at 200 kB
    for (int seq = 1; seq <= 20; seq++) {
      history.append("room:big", new HistoryEntry(seq, clock.millis(), big + seq));
    }
    List<HistoryEntry> kept = history.after("room:big", 0);
    assertEquals(5, kept.size(), "1 MiB holds five 200 kB events");
    assertEquals(20, kept.get(kept.size() - 1).roomSeq(), "the newest are kept");
    assertTrue(history.totalBytes() <= 1 << 20);
  }

  @Test
  void allRoomsTogetherKeepAtMostTheTotalAndTheOldestGoFirst_B12() {
    InMemoryHistory history =
        new InMemoryHistory(
            new HistoryLimits(1000, Duration.ofMinutes(5), 1 << 20, 2 << 20, Duration.ofHours(1)),
            clock);
    String frame = "y".repeat(50_000); // counted at 100 kB
    for (int room = 0; room < 10; room++) {
      for (int seq = 1; seq <= 8; seq++) {
        clock.advance(1);
        history.append("room:" + room, new HistoryEntry(seq, clock.millis(), frame));
      }
    }
    assertTrue(history.totalBytes() <= 2 << 20, "total " + history.totalBytes());
    assertTrue(history.after("room:0", 0).isEmpty(), "the oldest room's events went first");
    assertEquals(8, history.after("room:9", 0).size(), "the newest room keeps all of its");
  }

  @Test
  void agedEventsGoWithoutAnyoneTouchingTheRoom_B12() {
    InMemoryHistory history =
        new InMemoryHistory(new HistoryLimits(100, Duration.ofSeconds(10)), clock);
    for (int room = 0; room < 50; room++) {
      history.append("room:" + room, new HistoryEntry(1, clock.millis(), "z".repeat(1000)));
    }
    assertTrue(history.totalBytes() > 0);
    clock.advance(11_000);
    history.expireAged();
    assertEquals(0, history.totalBytes());
  }

  @Test
  void anIdleStreamIsForgottenAndStartsOverWithANewEpoch_B12() {
    InMemoryHistory history =
        new InMemoryHistory(
            new HistoryLimits(
                100, Duration.ofSeconds(10), 1 << 20, 64 << 20, Duration.ofSeconds(30)),
            clock);
    String epoch = history.position("job:a").epoch();
    history.nextRoomSeq("job:a");
    history.position("job:b");
    clock.advance(20_000);
    history.position("job:b"); // used again: not idle
    clock.advance(15_000);
    long idleBefore = clock.millis() - 30_000;
    assertEquals(List.of("job:a"), List.copyOf(history.idleStreams(idleBefore)));
    assertTrue(history.forget("job:a", idleBefore));
    assertEquals(1, history.streamCount(), "only job:b is left");
    assertEquals(0, history.currentRoomSeq("job:a"));
    assertTrue(!epoch.equals(history.position("job:a").epoch()), "a new stream, a new epoch");
  }

  /**
   * Measures what history costs in heap: 1000 rooms, 100 of them with 1000 events each (100k
   * events), of a typical 200-byte {@code room:update} frame. Logged, not asserted (a heap figure
   * depends on the JVM).
   */
  @Test
  void measuresHistoryMemoryPerEventAndPerRoom() {
    int rooms = 1000;
    int perRoom = 1000;
    String frame = "x".repeat(192);
    long before = usedAfterGc();
    InMemoryHistory history =
        new InMemoryHistory(new HistoryLimits(perRoom, Duration.ofHours(1)), clock);
    for (int r = 0; r < rooms; r++) {
      history.epoch("room:" + r);
    }
    long roomsOnly = usedAfterGc();
    for (int r = 0; r < rooms / 10; r++) {
      for (int seq = 1; seq <= perRoom; seq++) {
        // a distinct 200-char String per event, as the codec makes one per published event
        history.append(
            "room:" + r, new HistoryEntry(seq, clock.millis(), frame + (10_000_000 + seq)));
      }
    }
    long full = usedAfterGc();
    assertEquals(perRoom, history.after("room:7", 0).size());
    long perEvent = (full - roomsOnly) / ((long) rooms / 10 * perRoom);
    long perRoomEmpty = (roomsOnly - before) / rooms;
    LOG.info(
        "history heap: "
            + perEvent
            + " bytes per event of a "
            + (frame.length() + 8)
            + "-char frame ("
            + (perEvent - frame.length() - 8)
            + " bytes besides the frame's characters), "
            + perRoomEmpty
            + " bytes per empty room, "
            + (perRoomEmpty + perEvent * perRoom)
            + " bytes per room with "
            + perRoom
            + " events");
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
