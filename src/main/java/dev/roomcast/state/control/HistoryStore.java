package dev.roomcast.state.control;

import dev.roomcast.state.entity.HistoryEntry;
import java.util.List;
import java.util.OptionalLong;

/**
 * Each room's recent events, bounded by count and age, and the epoch that names the lifetime of the
 * room's sequence (F2.6). When history is lost (a restart of the in-memory store, a Redis flush)
 * the epoch changes, so a client resuming with the old one is told to refresh instead of silently
 * missing events.
 */
public interface HistoryStore {

  /** The room's current epoch; created on first use. */
  String epoch(String room);

  /**
   * Records a published event. Callers append a room's events in {@code roomSeq} order (the
   * publisher holds the room's lock), and the oldest entries beyond the limits are dropped.
   */
  void append(String room, HistoryEntry entry);

  /**
   * The kept events with {@code roomSeq > after}, oldest first; entries past their age left out.
   */
  List<HistoryEntry> after(String room, long after);

  /** When the room's latest event was published (epoch millis), if it ever had one. */
  OptionalLong lastPublishedAt(String room);
}
