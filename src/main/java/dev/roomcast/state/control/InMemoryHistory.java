package dev.roomcast.state.control;

import dev.roomcast.state.entity.HistoryEntry;
import dev.roomcast.state.entity.HistoryLimits;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * History in this JVM's heap: one bounded deque per room. Epochs are random per room and per JVM,
 * so a restart (which loses the history) always changes them.
 */
public class InMemoryHistory implements HistoryStore {

  private final HistoryLimits limits;
  private final Clock clock;
  private final ConcurrentMap<String, RoomLog> logs = new ConcurrentHashMap<>();

  public InMemoryHistory(HistoryLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public String epoch(String room) {
    return log(room).epoch;
  }

  @Override
  public void append(String room, HistoryEntry entry) {
    RoomLog log = log(room);
    synchronized (log) {
      log.entries.addLast(entry);
      log.lastPublishedAt = entry.timestamp();
      while (log.entries.size() > limits.maxEvents()) {
        log.entries.removeFirst();
      }
      dropExpired(log);
    }
  }

  @Override
  public List<HistoryEntry> after(String room, long after) {
    RoomLog log = logs.get(room);
    if (log == null) {
      return List.of();
    }
    synchronized (log) {
      dropExpired(log);
      List<HistoryEntry> result = new ArrayList<>();
      // newest first until the cut-off, since a resuming client usually missed only a few
      var newestFirst = log.entries.descendingIterator();
      while (newestFirst.hasNext()) {
        HistoryEntry entry = newestFirst.next();
        if (entry.roomSeq() <= after) {
          break;
        }
        result.add(entry);
      }
      java.util.Collections.reverse(result);
      return result;
    }
  }

  @Override
  public OptionalLong lastPublishedAt(String room) {
    RoomLog log = logs.get(room);
    if (log == null) {
      return OptionalLong.empty();
    }
    synchronized (log) {
      return log.lastPublishedAt == 0 ? OptionalLong.empty() : OptionalLong.of(log.lastPublishedAt);
    }
  }

  private RoomLog log(String room) {
    return logs.computeIfAbsent(
        room, r -> new RoomLog(UUID.randomUUID().toString().substring(0, 8)));
  }

  private void dropExpired(RoomLog log) {
    long oldestKept = clock.millis() - limits.maxAge().toMillis();
    while (!log.entries.isEmpty() && log.entries.peekFirst().timestamp() < oldestKept) {
      log.entries.removeFirst();
    }
  }

  /** One room's entries; guarded by its own monitor. */
  private static final class RoomLog {
    final String epoch;
    final Deque<HistoryEntry> entries = new ArrayDeque<>();
    long lastPublishedAt;

    RoomLog(String epoch) {
      this.epoch = epoch;
    }
  }
}
