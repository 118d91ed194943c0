package dev.roomcast.locks.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.entity.Disconnected;
import dev.roomcast.locks.entity.LockGrant;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.RoomChanges;
import dev.roomcast.rooms.entity.LockHold;
import dev.roomcast.rooms.entity.LockMetadata;
import dev.roomcast.rooms.entity.StoredRoom;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Temporary room locks with a TTL (F0.5). Only the holder may refresh, re-message or release; the
 * server clears a lapsed lock itself and when its holder disconnects, and every visible change is
 * broadcast as {@code room:update {metadataLocked}}.
 */
@ApplicationScoped
public class LockService {

  private static final Logger LOG = Logger.getLogger(LockService.class.getName());
  private static final int MAX_TEXT = 1024;

  private RoomChanges changes;
  private ScheduledExecutorService scheduler;
  private Duration defaultTtl;
  private Duration maxTtl;
  private Clock clock;
  // locks held by this node's connections, so a disconnect releases them without a scan
  private final Map<String, Set<String>> roomsByHolder = new ConcurrentHashMap<>();
  // the expiry task of each lock this node granted: replaced by a refresh, cancelled by a release
  private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();

  protected LockService() {}

  @Inject
  public LockService(
      RoomChanges changes, @Managed ScheduledExecutorService scheduler, Settings settings) {
    this(changes, scheduler, settings.lockTtl(), settings.lockMaxTtl(), Clock.systemUTC());
  }

  public LockService(
      RoomChanges changes,
      ScheduledExecutorService scheduler,
      Duration defaultTtl,
      Duration maxTtl,
      Clock clock) {
    this.changes = changes;
    this.scheduler = scheduler;
    this.defaultTtl = defaultTtl;
    this.maxTtl = maxTtl;
    this.clock = clock;
  }

  /** Takes the lock, or renews it if the caller already holds it. */
  public LockGrant acquire(
      String sid, String roomId, String msg, String userName, Integer ttlSeconds) {
    Duration ttl = ttl(ttlSeconds);
    checkText("msg", msg);
    checkText("userName", userName);
    long now = clock.millis();
    LockHold hold = new LockHold(sid, now + ttl.toMillis());
    changes.update(
        roomId,
        room -> {
          if (room.metadata().locked()) {
            throw new RequestRejected(
                ErrorCode.ROOM_LOCKED, "Room " + roomId + " is permanently locked");
          }
          LockHold current = room.lockHold();
          if (current != null && !current.expiredAt(now) && !current.holderSid().equals(sid)) {
            LockMetadata shown = room.metadata().metadataLocked();
            throw new RequestRejected(
                ErrorCode.LOCK_HELD,
                "Room "
                    + roomId
                    + " is locked"
                    + (shown != null && shown.userName() != null ? " by " + shown.userName() : "")
                    + (shown != null && shown.msg() != null ? ": " + shown.msg() : ""));
          }
          return room.withLock(new LockMetadata(msg, userName, now / 1000.0), hold);
        });
    roomsByHolder.computeIfAbsent(sid, k -> ConcurrentHashMap.newKeySet()).add(roomId);
    scheduleExpiry(roomId, hold, ttl);
    return new LockGrant(roomId, ttl.toSeconds(), hold.expiresAtMillis());
  }

  /** Extends the caller's lock; nothing visible changes, so nothing is broadcast. */
  public LockGrant refresh(String sid, String roomId, Integer ttlSeconds) {
    Duration ttl = ttl(ttlSeconds);
    long now = clock.millis();
    LockHold hold = new LockHold(sid, now + ttl.toMillis());
    changes.update(
        roomId,
        room -> {
          requireHolder(room, sid, now);
          return room.withLock(room.metadata().metadataLocked(), hold);
        });
    scheduleExpiry(roomId, hold, ttl);
    return new LockGrant(roomId, ttl.toSeconds(), hold.expiresAtMillis());
  }

  /** Changes the message shown for the caller's lock. */
  public void message(String sid, String roomId, String msg) {
    checkText("msg", msg);
    long now = clock.millis();
    changes.update(
        roomId,
        room -> {
          requireHolder(room, sid, now);
          LockMetadata shown = room.metadata().metadataLocked();
          return room.withLock(
              new LockMetadata(msg, shown == null ? null : shown.userName(), now / 1000.0),
              room.lockHold());
        });
  }

  /** Releases the caller's lock. */
  public void release(String sid, String roomId) {
    long now = clock.millis();
    changes.update(
        roomId,
        room -> {
          requireHolder(room, sid, now);
          return room.withLock(null, null);
        });
    cancelExpiry(roomId);
    forget(sid, roomId);
  }

  void onDisconnect(@Observes Disconnected event) {
    releaseAll(event.sid());
  }

  /** Releases every lock a connection holds; called when it disconnects. */
  public void releaseAll(String sid) {
    Set<String> rooms = roomsByHolder.remove(sid);
    if (rooms == null) {
      return;
    }
    for (String roomId : List.copyOf(rooms)) {
      clearIf(roomId, hold -> hold.holderSid().equals(sid));
      cancelExpiry(roomId);
    }
  }

  /** Lock expiries scheduled on this node and not yet run or cancelled. */
  public int scheduledExpiries() {
    return expiries.size();
  }

  /** Undeploy: no expiry task of this application stays scheduled. */
  @PreDestroy
  public void stop() {
    for (String roomId : List.copyOf(expiries.keySet())) {
      cancelExpiry(roomId);
    }
  }

  /** Clears the lock if it is still the same hold and has lapsed; runs on the scheduler. */
  void expire(String roomId, LockHold hold) {
    long now = clock.millis();
    clearIf(roomId, current -> current.equals(hold) && current.expiredAt(now));
    forget(hold.holderSid(), roomId);
  }

  private void clearIf(String roomId, java.util.function.Predicate<LockHold> shouldClear) {
    try {
      changes.update(
          roomId,
          room ->
              room.lockHold() != null && shouldClear.test(room.lockHold())
                  ? room.withLock(null, null)
                  : room);
    } catch (RequestRejected e) {
      if (e.code() != ErrorCode.ROOM_NOT_FOUND) {
        throw e;
      }
      LOG.fine(() -> "lock of deleted room " + roomId + " needs no clearing");
    }
  }

  private void scheduleExpiry(String roomId, LockHold hold, Duration ttl) {
    // a few ms late rather than early: the expiry check compares against the clock
    AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
    ScheduledFuture<?> task =
        scheduler.schedule(
            () -> {
              try {
                expire(roomId, hold);
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "expiring the lock of room " + roomId + " failed", e);
              } finally {
                expiries.remove(roomId, self.get());
              }
            },
            ttl.toMillis() + 5,
            TimeUnit.MILLISECONDS);
    self.set(task);
    ScheduledFuture<?> previous = expiries.put(roomId, task);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  private void cancelExpiry(String roomId) {
    ScheduledFuture<?> task = expiries.remove(roomId);
    if (task != null) {
      task.cancel(false);
    }
  }

  private void forget(String sid, String roomId) {
    roomsByHolder.computeIfPresent(
        sid,
        (k, rooms) -> {
          rooms.remove(roomId);
          return rooms.isEmpty() ? null : rooms;
        });
  }

  private static void requireHolder(StoredRoom room, String sid, long now) {
    LockHold current = room.lockHold();
    if (current == null || current.expiredAt(now)) {
      throw new RequestRejected(
          ErrorCode.LOCK_NOT_HELD, "Room " + room.id() + " has no temporary lock");
    }
    if (!Objects.equals(current.holderSid(), sid)) {
      throw new RequestRejected(
          ErrorCode.NOT_LOCK_HOLDER, "Only the lock holder may do that in room " + room.id());
    }
  }

  private Duration ttl(Integer ttlSeconds) {
    if (ttlSeconds == null) {
      return defaultTtl;
    }
    if (ttlSeconds < 1 || ttlSeconds > maxTtl.toSeconds()) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST, "ttlSeconds must be between 1 and " + maxTtl.toSeconds());
    }
    return Duration.ofSeconds(ttlSeconds);
  }

  private static void checkText(String field, String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST, field + " is longer than " + MAX_TEXT + " characters");
    }
  }
}
