package dev.roomcast.rooms.control;

import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.StreamPosition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Each room's event stream: its sequence, the epoch that names the sequence's lifetime, and its
 * recent events, bounded by count, age and bytes (F2.6, B12). A stream exists only while it is
 * used: created by the first event or join, forgotten when idle (no event, no join, no member), and
 * then started over with a new epoch. When a stream is lost (a restart of the in-memory store, a
 * Redis flush) the epoch changes too, so a client resuming with the old one is told to refresh
 * instead of silently missing events.
 *
 * <p>Who writes: on one node {@link LocalDistribution} numbers and records events in {@link
 * InMemoryHistory}; on Redis the {@link SharedStream}'s one publish script does, so this port only
 * reads and keeps streams alive.
 */
public interface HistoryStore {

  /** The room's epoch and latest roomSeq; creates the stream if there is none. */
  StreamPosition position(String room);

  /** The room's current epoch; creates the stream if there is none. */
  default String epoch(String room) {
    return position(room).epoch();
  }

  /** The last number allocated in a room's sequence, 0 if none. */
  long currentRoomSeq(String room);

  /** The last number allocated in the server-wide sequence, 0 if none. */
  long currentServerSeq();

  /**
   * The kept events with {@code roomSeq > after}, oldest first; entries past their age left out.
   */
  List<HistoryEntry> after(String room, long after);

  /** When the room's latest event was published (epoch millis), if its stream has one. */
  OptionalLong lastPublishedAt(String room);

  /** Drops the events past their age in every room, without waiting for the room to be used. */
  void expireAged();

  /** Rooms whose streams nobody used since {@code idleBeforeMillis}: candidates to forget. */
  Collection<String> idleStreams(long idleBeforeMillis);

  /**
   * Forgets a room's stream if it is still unused since {@code idleBeforeMillis}; the caller holds
   * the room's lock and made sure the room has no member.
   *
   * @return whether it was forgotten
   */
  boolean forget(String room, long idleBeforeMillis);

  /**
   * Keeps the streams (and presence) of rooms in use from expiring, and says which epoch each has
   * now; a room whose stream is gone (lost with the store) is left out of the answer.
   */
  Map<String, String> keepAlive(Collection<String> rooms);
}
