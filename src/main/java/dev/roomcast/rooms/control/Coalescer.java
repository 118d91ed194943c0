package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.protocol.entity.ServerEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coalesces high-frequency event types (F1.4): per key (room and type) at most one event per
 * interval is published. The first event after a quiet interval goes out at once; later ones within
 * the interval replace each other and the last one is published when the interval ends (trailing
 * edge), so the final value is never dropped. A key's events are published one at a time under the
 * key's monitor, so they are never reordered.
 */
@ApplicationScoped
public class Coalescer {

  private static final Logger LOG = Logger.getLogger(Coalescer.class.getName());

  private RoomEventService events;
  private ScheduledExecutorService scheduler;
  private Map<String, Duration> intervals;
  private Clock clock;
  private final ConcurrentMap<String, Key> keys = new ConcurrentHashMap<>();

  protected Coalescer() {}

  @Inject
  public Coalescer(
      RoomEventService events, @Managed ScheduledExecutorService scheduler, Settings settings) {
    this(
        events,
        scheduler,
        intervals(settings.coalescedEvents(), settings.coalesceInterval()),
        Clock.systemUTC());
  }

  public Coalescer(
      RoomEventService events,
      ScheduledExecutorService scheduler,
      Map<String, Duration> intervals,
      Clock clock) {
    this.events = events;
    this.scheduler = scheduler;
    this.intervals = Map.copyOf(intervals);
    this.clock = clock;
  }

  /** Reads {@code type} / {@code type=millis} entries; a bare type gets {@code fallback}. */
  public static Map<String, Duration> intervals(List<String> entries, Duration fallback) {
    Map<String, Duration> result = new HashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        result.put(entry, fallback);
      } else {
        String millis = entry.substring(eq + 1).trim();
        try {
          result.put(entry.substring(0, eq).trim(), Duration.ofMillis(Long.parseLong(millis)));
        } catch (NumberFormatException e) {
          throw new IllegalStateException(
              "Setting coalesce.events: " + entry + " is not type or type=millis", e);
        }
      }
    }
    return result;
  }

  public boolean coalesces(String type) {
    return intervals.containsKey(type);
  }

  /**
   * Publishes now, or holds the event back as the key's latest value until its interval ends.
   *
   * @return the event as sent, or empty if it is held back (it may still be replaced)
   */
  public Optional<ServerEnvelope> publish(String room, String type, Object data) {
    Duration interval = intervals.get(type);
    Key key = keys.computeIfAbsent(room + '\u0000' + type, k -> new Key(room, type));
    synchronized (key) {
      long now = clock.millis();
      long due = key.lastSentAt + interval.toMillis();
      if (key.pending == null && !key.flushScheduled && now >= due) {
        key.lastSentAt = now;
        return Optional.of(events.publish(room, type, data));
      }
      key.pending = data;
      if (!key.flushScheduled) {
        key.flushScheduled = true;
        scheduler.schedule(() -> flush(key), Math.max(0, due - now), TimeUnit.MILLISECONDS);
      }
      return Optional.empty();
    }
  }

  private void flush(Key key) {
    try {
      synchronized (key) {
        key.flushScheduled = false;
        if (key.pending != null) {
          Object data = key.pending;
          key.pending = null;
          key.lastSentAt = clock.millis();
          events.publish(key.room, key.type, data);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "publishing coalesced " + key.type + " to " + key.room + " failed", e);
    }
  }

  /** One room's one coalesced type; guarded by its own monitor. */
  private static final class Key {
    final String room;
    final String type;
    long lastSentAt = Long.MIN_VALUE / 2;
    Object pending;
    boolean flushScheduled;

    Key(String room, String type) {
      this.room = room;
      this.type = type;
    }
  }
}
