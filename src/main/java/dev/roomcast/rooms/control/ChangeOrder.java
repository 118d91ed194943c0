package dev.roomcast.rooms.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One lock per room id, on this node, that orders the room's metadata changes and the reads that
 * must see them whole. A change holds its room's lock exclusively across its store write and its
 * announcement, so one room's diffs go out in the order they were applied; a join's snapshot reads
 * hold it shared, so a snapshot never shows a change whose event is not numbered yet (F2.3).
 *
 * <p>These locks may be held across Redis round trips, which is why they are per room and nothing
 * else takes them: not other rooms' changes, not event delivery, not publishing. A slow change in
 * one room delays only that room's next change and joins. A room's entry lives only while someone
 * holds or waits for it.
 */
@ApplicationScoped
public class ChangeOrder {

  private final Map<String, Entry> locks = new ConcurrentHashMap<>();

  /**
   * Runs {@code change} holding the locks of {@code roomIds} exclusively (nulls ignored), taken in
   * id order so two changes naming the same rooms cannot deadlock.
   */
  public <T> T applying(List<String> roomIds, Supplier<T> change) {
    TreeSet<String> ids = new TreeSet<>();
    for (String id : roomIds) {
      if (id != null) {
        ids.add(id);
      }
    }
    return holding(List.copyOf(ids), 0, true, change);
  }

  public <T> T applying(String roomId, Supplier<T> change) {
    return holding(List.of(roomId), 0, true, change);
  }

  /** Runs {@code read} while no change of {@code roomId} is half-way (applied, not announced). */
  public <T> T reading(String roomId, Supplier<T> read) {
    return holding(List.of(roomId), 0, false, read);
  }

  /** Rooms with a lock entry now (held or waited for); for tests. */
  int entries() {
    return locks.size();
  }

  private <T> T holding(List<String> ids, int from, boolean exclusive, Supplier<T> action) {
    if (from == ids.size()) {
      return action.get();
    }
    String id = ids.get(from);
    Entry entry =
        locks.compute(id, (key, current) -> (current == null ? new Entry() : current).use());
    try {
      Lock lock = exclusive ? entry.lock.writeLock() : entry.lock.readLock();
      lock.lock();
      try {
        return holding(ids, from + 1, exclusive, action);
      } finally {
        lock.unlock();
      }
    } finally {
      locks.computeIfPresent(id, (key, current) -> current.release() ? null : current);
    }
  }

  /** A room's lock and how many threads hold or wait for it (changed only inside compute). */
  private static final class Entry {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    int users;

    Entry use() {
      users++;
      return this;
    }

    /** True when nobody uses it any more. */
    boolean release() {
      return --users == 0;
    }
  }
}
