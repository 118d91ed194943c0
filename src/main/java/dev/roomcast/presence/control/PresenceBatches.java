package dev.roomcast.presence.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.presence.entity.PresenceEvents;
import dev.roomcast.presence.entity.PresentUser;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.rooms.control.RoomEventService;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Presence of the room kinds with {@code presence=batched} (F4.4), announced as Phoenix announces
 * its {@code presence_diff}: the arrivals and departures of one window in one {@code
 * presence:diff}. With one event per user, n members joining a room cost n²/2 deliveries; here they
 * cost one delivery per member per window.
 *
 * <p>The first change after a quiet window goes out at once, so a lone join is not delayed; later
 * changes within the window collect and go out when it ends, or as soon as {@link #MAX_CHANGES}
 * users have changed, so no diff grows without bound. A room's diffs are published one at a time
 * under its batch's monitor, in the order their changes were recorded. A batch exists only while
 * its window runs (B12).
 */
@ApplicationScoped
public class PresenceBatches {

  private static final Logger LOG = Logger.getLogger(PresenceBatches.class.getName());

  /** The most users one diff names: a frame of about 100 KB. */
  static final int MAX_CHANGES = 1000;

  private RoomEventService events;
  private PresenceStore store;
  private ScheduledExecutorService scheduler;
  private Duration window;
  private final ConcurrentMap<String, Batch> batches = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  protected PresenceBatches() {}

  @Inject
  public PresenceBatches(
      RoomEventService events,
      PresenceStore store,
      @Managed ScheduledExecutorService scheduler,
      Settings settings) {
    this(events, store, scheduler, settings.presenceBatchWindow());
  }

  public PresenceBatches(
      RoomEventService events,
      PresenceStore store,
      ScheduledExecutorService scheduler,
      Duration window) {
    this.events = events;
    this.store = store;
    this.scheduler = scheduler;
    this.window = window;
  }

  /** A user's first connection joined {@code room}. */
  public void arrived(String room, PresentUser user) {
    record(room, batch -> batch.arrived(user));
  }

  /** A user's last connection left {@code room}. */
  public void departed(String room, String userId) {
    record(room, batch -> batch.departed(userId));
  }

  /** Rooms whose window is running. */
  public int activeBatches() {
    return batches.size();
  }

  /**
   * Publishes every collected change now and ends every window: for a node that drains, whose
   * departures must go out before it stops, not a window later.
   */
  public void flushAll() {
    for (Batch batch : batches.values()) {
      synchronized (batch) {
        if (batch.retired) {
          continue;
        }
        if (batch.flush != null) {
          batch.flush.cancel(false);
        }
        try {
          publish(batch);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "presence of " + batch.room + " not announced", e);
        } finally {
          retire(batch);
        }
      }
    }
  }

  /** Undeploy: no flush runs after this. The drain has flushed already ({@link #flushAll}). */
  @PreDestroy
  public void stop() {
    stopped = true;
    for (Batch batch : batches.values()) {
      synchronized (batch) {
        if (batch.flush != null) {
          batch.flush.cancel(false);
        }
        if (!batch.changes.isEmpty()) {
          LOG.info(
              "presence of " + batch.room + ": " + batch.changes.size() + " change(s) unannounced");
        }
        retire(batch);
      }
    }
  }

  private void record(String room, Consumer<Batch> change) {
    while (true) {
      Batch batch = batches.computeIfAbsent(room, Batch::new);
      synchronized (batch) {
        if (batch.retired) {
          continue; // its window ended just now: the change starts a new one
        }
        change.accept(batch);
        if (batch.flush == null) {
          try {
            publish(batch);
          } catch (RuntimeException e) {
            retire(batch);
            throw e;
          }
          schedule(batch);
        } else if (batch.changes.size() >= MAX_CHANGES) {
          publish(batch);
        }
        return;
      }
    }
  }

  private void schedule(Batch batch) {
    if (stopped) {
      retire(batch);
      return;
    }
    batch.flush = scheduler.schedule(() -> flush(batch), window.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The end of a window: publishes what it collected, or ends the batch if nothing. */
  private void flush(Batch batch) {
    synchronized (batch) {
      if (batch.retired) {
        return;
      }
      batch.flush = null;
      if (batch.changes.isEmpty() || stopped) {
        retire(batch);
        return;
      }
      try {
        publish(batch);
        schedule(batch);
      } catch (RuntimeException e) {
        retire(batch);
        LOG.log(Level.WARNING, "presence of " + batch.room + " not announced", e);
      }
    }
  }

  /**
   * Publishes the batch's changes, if they add up to any, and clears them. The occupancy is read
   * now: changes of one room are made on many threads, so the one recorded last need not be the one
   * the store applied last, and its count could be stale.
   */
  private void publish(Batch batch) {
    Net net = batch.take();
    if (!net.joins().isEmpty() || !net.leaves().isEmpty()) {
      events.publish(
          batch.room,
          EventTypes.PRESENCE_DIFF,
          new PresenceEvents.PresenceDiff(net.joins(), net.leaves(), store.occupancy(batch.room)));
    }
  }

  private void retire(Batch batch) {
    batch.retired = true;
    batches.remove(batch.room, batch);
  }

  /** One room's changes while its window runs; guarded by its own monitor. */
  private static final class Batch {
    final String room;
    // per user, in the order users first changed: whether present before the window, and now
    final Map<String, Change> changes = new LinkedHashMap<>();
    ScheduledFuture<?> flush;
    boolean retired;

    Batch(String room) {
      this.room = room;
    }

    void arrived(PresentUser user) {
      // an arrival is announced only for a user who was not present: if this is the user's first
      // change in the window, the user was absent when it began
      changes.computeIfAbsent(user.userId(), id -> new Change(false)).now = user;
    }

    void departed(String userId) {
      changes.computeIfAbsent(userId, id -> new Change(true)).now = null;
    }

    Net take() {
      List<PresenceEvents.Arrival> joins = new ArrayList<>();
      List<PresenceEvents.Departure> leaves = new ArrayList<>();
      for (Map.Entry<String, Change> entry : changes.entrySet()) {
        PresentUser now = entry.getValue().now;
        if (now != null) {
          // new, or back since the window began (a new joinedAt): a client replaces it
          joins.add(new PresenceEvents.Arrival(now.userId(), now.userName(), now.joinedAt()));
        } else if (entry.getValue().presentBefore) {
          leaves.add(new PresenceEvents.Departure(entry.getKey()));
        }
      }
      changes.clear();
      return new Net(joins, leaves);
    }
  }

  /** What a window's changes add up to. */
  private record Net(List<PresenceEvents.Arrival> joins, List<PresenceEvents.Departure> leaves) {}

  private static final class Change {
    final boolean presentBefore;
    PresentUser now;

    Change(boolean presentBefore) {
      this.presentBefore = presentBefore;
    }
  }
}
