package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.protocol.entity.ServerEnvelope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coalesces high-frequency event types (F1.4): per key (room and type) at most one event per
 * interval is published. The first event after a quiet interval goes out at once; later ones within
 * the interval replace each other and the last one is published when the interval ends (trailing
 * edge), so the final value is never dropped. A key's events are published one at a time under the
 * key's monitor, so they are never reordered. A key exists only while its interval runs: the end of
 * a quiet interval removes it (B12), and undeploying cancels every pending flush.
 */
@ApplicationScoped
public class Coalescer {

  private static final Logger LOG = Logger.getLogger(Coalescer.class.getName());

  private RoomEventService events;
  private ScheduledExecutorService scheduler;
  private Map<String, Duration> intervals;
  private final ConcurrentMap<String, Key> keys = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  protected Coalescer() {}

  @Inject
  public Coalescer(
      RoomEventService events, @Managed ScheduledExecutorService scheduler, Settings settings) {
    this(events, scheduler, intervals(settings.coalescedEvents(), settings.coalesceInterval()));
  }

  public Coalescer(
      RoomEventService events,
      ScheduledExecutorService scheduler,
      Map<String, Duration> intervals) {
    this.events = events;
    this.scheduler = scheduler;
    this.intervals = Map.copyOf(intervals);
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
    String name = room + '\u0000' + type;
    while (true) {
      Key key = keys.computeIfAbsent(name, k -> new Key(k, room, type, interval));
      synchronized (key) {
        if (key.retired) {
          continue; // its interval ended just now: a new interval starts with a new key
        }
        if (key.flush != null) {
          key.pending = data;
          return Optional.empty();
        }
        try {
          ServerEnvelope sent = events.publish(room, type, data);
          schedule(key);
          return Optional.of(sent);
        } catch (RuntimeException e) {
          retire(key);
          throw e;
        }
      }
    }
  }

  /** Keys whose interval is running. */
  public int activeKeys() {
    return keys.size();
  }

  /** Undeploy: no flush runs after this, none stays scheduled. */
  @PreDestroy
  public void stop() {
    stopped = true;
    for (Key key : keys.values()) {
      synchronized (key) {
        if (key.flush != null) {
          key.flush.cancel(false);
        }
        retire(key);
      }
    }
  }

  private void schedule(Key key) {
    if (stopped) {
      retire(key);
      return;
    }
    key.flush =
        scheduler.schedule(() -> flush(key), key.interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The end of a key's interval: publishes the held-back value, or ends the key if there is none.
   */
  private void flush(Key key) {
    synchronized (key) {
      if (key.retired) {
        return;
      }
      key.flush = null;
      if (key.pending == null || stopped) {
        retire(key);
        return;
      }
      Object data = key.pending;
      key.pending = null;
      try {
        events.publish(key.room, key.type, data);
        schedule(key);
      } catch (RuntimeException e) {
        retire(key);
        LOG.log(
            Level.WARNING, "publishing coalesced " + key.type + " to " + key.room + " failed", e);
      }
    }
  }

  private void retire(Key key) {
    key.retired = true;
    keys.remove(key.name, key);
  }

  /** One room's one coalesced type while its interval runs; guarded by its own monitor. */
  private static final class Key {
    final String name;
    final String room;
    final String type;
    final Duration interval;
    Object pending;
    ScheduledFuture<?> flush;
    boolean retired;

    Key(String name, String room, String type, Duration interval) {
      this.name = name;
      this.room = room;
      this.type = type;
      this.interval = interval;
    }
  }
}
