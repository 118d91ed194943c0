package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.StoredRoom;
import dev.roomcast.store.control.RedisCalls;
import jakarta.json.bind.Jsonb;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The shared store: every node of a cluster reads and writes the same Redis. A room is one JSON
 * string key; changes are optimistic transactions (WATCH/MULTI/EXEC) retried on conflict, so a
 * change is atomic across nodes without a lock server. Sequences are INCR counters.
 *
 * <p>Keys (prefix {@code roomcast:} by default): {@code room:<id>} (JSON), {@code room-ids} (set),
 * {@code default-room} (string), {@code seq:@server} (counter); each room's stream in {@code
 * stream:<room>} and {@code history:<room>} (see {@link RedisHistory}).
 */
public class RedisRoomStore implements RoomStore, AutoCloseable {

  private static final int MAX_ATTEMPTS = 100;

  private final JedisPool pool;
  private final String prefix;
  private final RedisCalls calls;
  private final Jsonb jsonb;

  public RedisRoomStore(JedisPool pool, String prefix, Jsonb jsonb) {
    this.pool = pool;
    this.jsonb = jsonb;
    this.prefix = prefix;
    this.calls = new RedisCalls(pool, prefix);
  }

  @Override
  public List<StoredRoom> rooms() {
    return call(
        redis -> {
          List<String> ids = new ArrayList<>(redis.smembers(key("room-ids")));
          if (ids.isEmpty()) {
            return List.of();
          }
          List<String> values = redis.mget(ids.stream().map(this::roomKey).toArray(String[]::new));
          List<StoredRoom> rooms = new ArrayList<>(values.size());
          for (String value : values) {
            if (value != null) {
              rooms.add(parse(value));
            }
          }
          rooms.sort(Comparator.comparing(StoredRoom::id));
          return rooms;
        });
  }

  @Override
  public Optional<StoredRoom> room(String id) {
    return call(redis -> Optional.ofNullable(redis.get(roomKey(id))).map(this::parse));
  }

  @Override
  public RoomChange create(StoredRoom room) {
    return call(
        redis -> {
          Transaction tx = redis.multi();
          tx.setnx(roomKey(room.id()), jsonb.toJson(room));
          tx.sadd(key("room-ids"), room.id());
          List<Object> result = tx.exec();
          if (!Long.valueOf(1).equals(result.get(0))) {
            throw new RequestRejected(
                ErrorCode.ROOM_EXISTS, "Room " + room.id() + " already exists");
          }
          return new RoomChange(null, room);
        });
  }

  @Override
  public RoomChange update(String id, UnaryOperator<StoredRoom> change) {
    String key = roomKey(id);
    return call(
        redis -> {
          for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            redis.watch(key);
            String current = redis.get(key);
            if (current == null) {
              redis.unwatch();
              throw notFound(id);
            }
            StoredRoom before = parse(current);
            StoredRoom after;
            try {
              after = change.apply(before);
            } catch (RuntimeException refused) {
              redis.unwatch();
              throw refused;
            }
            if (after.equals(before)) {
              redis.unwatch();
              return new RoomChange(before, after);
            }
            Transaction tx = redis.multi();
            tx.set(key, jsonb.toJson(after));
            if (tx.exec() != null) {
              return new RoomChange(before, after);
            }
          }
          throw contention(id);
        });
  }

  @Override
  public RoomChange delete(String id, Consumer<StoredRoom> guard) {
    String key = roomKey(id);
    String defaultKey = key("default-room");
    return call(
        redis -> {
          for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            redis.watch(key, defaultKey);
            String current = redis.get(key);
            if (current == null) {
              redis.unwatch();
              throw notFound(id);
            }
            StoredRoom before = parse(current);
            try {
              guard.accept(before);
            } catch (RuntimeException refused) {
              redis.unwatch();
              throw refused;
            }
            boolean wasDefault = id.equals(redis.get(defaultKey));
            Transaction tx = redis.multi();
            tx.del(key);
            tx.srem(key("room-ids"), id);
            if (wasDefault) {
              tx.del(defaultKey);
            }
            if (tx.exec() != null) {
              return new RoomChange(before, null);
            }
          }
          throw contention(id);
        });
  }

  @Override
  public Optional<String> defaultRoomId() {
    return call(redis -> Optional.ofNullable(redis.get(key("default-room"))));
  }

  @Override
  public List<RoomChange> setDefault(String id) {
    String defaultKey = key("default-room");
    return call(
        redis -> {
          for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            redis.watch(defaultKey);
            String previous = redis.get(defaultKey);
            if (Objects.equals(previous, id)) {
              redis.unwatch();
              return List.of();
            }
            List<String> watched = new ArrayList<>();
            if (previous != null) {
              watched.add(roomKey(previous));
            }
            if (id != null) {
              watched.add(roomKey(id));
            }
            if (!watched.isEmpty()) {
              redis.watch(watched.toArray(String[]::new));
            }
            String oldJson = previous == null ? null : redis.get(roomKey(previous));
            String newJson = id == null ? null : redis.get(roomKey(id));
            if (id != null && newJson == null) {
              redis.unwatch();
              throw notFound(id);
            }
            List<RoomChange> changes = new ArrayList<>(2);
            Transaction tx = redis.multi();
            if (oldJson != null) {
              StoredRoom before = parse(oldJson);
              StoredRoom after = before.withMetadata(before.metadata().withDefault(false));
              tx.set(roomKey(previous), jsonb.toJson(after));
              changes.add(new RoomChange(before, after));
            }
            if (newJson != null) {
              StoredRoom before = parse(newJson);
              StoredRoom after = before.withMetadata(before.metadata().withDefault(true));
              tx.set(roomKey(id), jsonb.toJson(after));
              changes.add(new RoomChange(before, after));
              tx.set(defaultKey, id);
            } else {
              tx.del(defaultKey);
            }
            if (tx.exec() != null) {
              return changes;
            }
          }
          throw contention("default-room");
        });
  }

  /** True if Redis answers a PING now. */
  public boolean isReachable() {
    try (Jedis redis = pool.getResource()) {
      return "PONG".equals(redis.ping());
    } catch (JedisException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * Runs one unit of work on a pooled connection. A Redis that is down or unreachable becomes
   * STORE_UNAVAILABLE at once (the pool's timeouts bound the wait), never a hang or a stack trace.
   */
  private <T> T call(Function<Jedis, T> work) {
    return calls.call(work);
  }

  private StoredRoom parse(String json) {
    return jsonb.fromJson(json, StoredRoom.class);
  }

  private String key(String name) {
    return prefix + name;
  }

  private String roomKey(String id) {
    return key("room:" + id);
  }

  private static RequestRejected notFound(String id) {
    return new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "Room " + id + " not found");
  }

  private static RequestRejected contention(String id) {
    return new RequestRejected(
        ErrorCode.STORE_UNAVAILABLE, "Too many concurrent changes to " + id + "; try again");
  }
}
