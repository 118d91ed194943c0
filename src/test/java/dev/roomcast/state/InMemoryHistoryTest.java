package dev.roomcast.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.state.control.InMemoryHistory;
import dev.roomcast.state.entity.HistoryEntry;
import dev.roomcast.state.entity.HistoryLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class InMemoryHistoryTest {

  private static final Logger LOG = Logger.getLogger(InMemoryHistoryTest.class.getName());

  private final AtomicLong millis = new AtomicLong(1_000_000);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }
      };

  @Test
  void eventsOlderThanTheAgeLimitAreGone_F2_6() {
    InMemoryHistory history =
        new InMemoryHistory(new HistoryLimits(100, Duration.ofSeconds(10)), clock);
    history.append("room:a", new HistoryEntry(1, millis.get(), "one"));
    millis.addAndGet(6_000);
    history.append("room:a", new HistoryEntry(2, millis.get(), "two"));
    millis.addAndGet(6_000);
    assertEquals(1, history.after("room:a", 0).size(), "the first is 12 s old");
    assertEquals(2, history.after("room:a", 0).get(0).roomSeq());
    millis.addAndGet(6_000);
    assertTrue(history.after("room:a", 0).isEmpty());
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
            "room:" + r, new HistoryEntry(seq, millis.get(), frame + (10_000_000 + seq)));
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
