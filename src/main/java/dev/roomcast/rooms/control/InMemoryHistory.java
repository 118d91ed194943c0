package dev.roomcast.rooms.control;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.StreamPosition;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Room streams in this JVM's heap: per room a sequence, an epoch and a bounded deque of events.
 * Epochs are random per stream, so a restart or a forgotten stream always starts a new one. Bounds:
 * count, age and bytes per room, and bytes over all rooms, where the oldest events of any room go
 * first.
 */
public class InMemoryHistory implements HistoryStore {

  private final HistoryLimits limits;
  private final Clock clock;
  private final ConcurrentMap<String, RoomLog> logs = new ConcurrentHashMap<>();
  private final AtomicLong totalBytes = new AtomicLong();
  private final AtomicLong serverSeq = new AtomicLong();
  // one global eviction at a time; it takes room monitors one by one, never two at once
  private final Object eviction = new Object();

  public InMemoryHistory(HistoryLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public StreamPosition position(String room) {
    return withLog(
        room,
        log -> {
          log.lastUsedAt = clock.millis();
          return new StreamPosition(log.seq, log.epoch);
        });
  }

  /** Allocates the next number of one room's event sequence (starts at 1). */
  public long nextRoomSeq(String room) {
    return withLog(
        room,
        log -> {
          log.lastUsedAt = clock.millis();
          return ++log.seq;
        });
  }

  @Override
  public long currentRoomSeq(String room) {
    RoomLog log = logs.get(room);
    if (log == null) {
      return 0;
    }
    synchronized (log) {
      return log.dead ? 0 : log.seq;
    }
  }

  /** Allocates the next number of the server-wide sequence (starts at 1). */
  public long nextServerSeq() {
    return serverSeq.incrementAndGet();
  }

  @Override
  public long currentServerSeq() {
    return serverSeq.get();
  }

  /**
   * Records a published event. Callers append a room's events in {@code roomSeq} order (the
   * publisher holds the room's lock), and the oldest entries beyond the limits are dropped.
   */
  public void append(String room, HistoryEntry entry) {
    long cost = HistoryLimits.cost(entry.frame());
    withLog(
        room,
        log -> {
          log.entries.addLast(entry);
          log.bytes += cost;
          totalBytes.addAndGet(cost);
          log.lastPublishedAt = entry.timestamp();
          log.lastUsedAt = clock.millis();
          // the newest event stays whatever its size: a client can always resume from the last
          while (log.entries.size() > 1
              && (log.entries.size() > limits.maxEvents() || log.bytes > limits.maxRoomBytes())) {
            dropOldest(log);
          }
          dropExpired(log);
          return null;
        });
    if (totalBytes.get() > limits.maxTotalBytes()) {
      evictOldest();
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
      Collections.reverse(result);
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

  @Override
  public void expireAged() {
    for (RoomLog log : logs.values()) {
      synchronized (log) {
        dropExpired(log);
      }
    }
  }

  @Override
  public Collection<String> idleStreams(long idleBeforeMillis) {
    List<String> idle = new ArrayList<>();
    logs.forEach(
        (room, log) -> {
          synchronized (log) {
            if (log.lastUsedAt < idleBeforeMillis) {
              idle.add(room);
            }
          }
        });
    return idle;
  }

  @Override
  public boolean forget(String room, long idleBeforeMillis) {
    RoomLog log = logs.get(room);
    if (log == null) {
      return false;
    }
    synchronized (log) {
      if (log.dead || log.lastUsedAt >= idleBeforeMillis) {
        return false;
      }
      log.dead = true;
      totalBytes.addAndGet(-log.bytes);
      log.bytes = 0;
      log.entries.clear();
      logs.remove(room, log);
      return true;
    }
  }

  @Override
  public Map<String, String> keepAlive(Collection<String> rooms) {
    long now = clock.millis();
    Map<String, String> epochs = new HashMap<>();
    for (String room : rooms) {
      RoomLog log = logs.get(room);
      if (log != null) {
        synchronized (log) {
          if (!log.dead) {
            log.lastUsedAt = now;
            epochs.put(room, log.epoch);
          }
        }
      }
    }
    return epochs;
  }

  /** Heap the kept events are counted at (see {@link HistoryLimits#cost}), over all rooms. */
  public long totalBytes() {
    return totalBytes.get();
  }

  /** Rooms with a stream here. */
  public int streamCount() {
    return logs.size();
  }

  /** Runs {@code work} on the room's live log, creating it if needed. */
  private <T> T withLog(String room, Function<RoomLog, T> work) {
    while (true) {
      RoomLog log = logs.computeIfAbsent(room, r -> new RoomLog(newEpoch(), clock.millis()));
      synchronized (log) {
        if (!log.dead) {
          return work.apply(log);
        }
      }
      // forgotten between the lookup and the monitor: take the new one
      logs.remove(room, log);
    }
  }

  private static String newEpoch() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private void dropExpired(RoomLog log) {
    long oldestKept = clock.millis() - limits.maxAge().toMillis();
    while (!log.entries.isEmpty() && log.entries.peekFirst().timestamp() < oldestKept) {
      dropOldest(log);
    }
  }

  private void dropOldest(RoomLog log) {
    HistoryEntry dropped = log.entries.removeFirst();
    long cost = HistoryLimits.cost(dropped.frame());
    log.bytes -= cost;
    totalBytes.addAndGet(-cost);
  }

  /**
   * Brings the total down to 90% of its bound by dropping the oldest events of any room, so one
   * eviction pays for many appends.
   */
  private void evictOldest() {
    synchronized (eviction) {
      long target = limits.maxTotalBytes() / 10 * 9;
      if (totalBytes.get() <= target) {
        return;
      }
      PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingLong(Head::timestamp));
      for (RoomLog log : logs.values()) {
        synchronized (log) {
          if (!log.entries.isEmpty()) {
            heads.add(new Head(log.entries.peekFirst().timestamp(), log));
          }
        }
      }
      while (totalBytes.get() > target && !heads.isEmpty()) {
        RoomLog log = heads.poll().log();
        synchronized (log) {
          if (!log.entries.isEmpty()) {
            dropOldest(log);
          }
          if (!log.entries.isEmpty()) {
            heads.add(new Head(log.entries.peekFirst().timestamp(), log));
          }
        }
      }
    }
  }

  private record Head(long timestamp, RoomLog log) {}

  /** One room's stream; guarded by its own monitor. */
  private static final class RoomLog {
    final String epoch;
    final Deque<HistoryEntry> entries = new ArrayDeque<>();
    long seq;
    long bytes;
    long lastPublishedAt;
    long lastUsedAt;
    boolean dead;

    RoomLog(String epoch, long now) {
      this.epoch = epoch;
      this.lastUsedAt = now;
    }
  }
}
