package dev.roomcast.presence.control;

import dev.roomcast.presence.entity.PresenceChange;
import dev.roomcast.presence.entity.PresentUser;
import dev.roomcast.store.control.RedisCalls;
import jakarta.json.bind.Jsonb;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Presence shared through Redis: one hash per room ({@code presence:<room>}, user id to the JSON of
 * {@link PresentUser}), changed in optimistic transactions so nodes never lose each other's
 * connections. The hash expires when nothing changed in it for the stream idle time and no node has
 * a member there to keep it alive (entries of a node that died without its clean-up go too).
 */
public class RedisPresenceStore implements PresenceStore {

  private static final String KEY = "presence:";

  private final RedisCalls redis;
  private final long idleMillis;
  private final Jsonb jsonb;

  public RedisPresenceStore(JedisPool pool, String prefix, long idleMillis, Jsonb jsonb) {
    this.redis = new RedisCalls(pool, prefix);
    this.idleMillis = idleMillis;
    this.jsonb = jsonb;
  }

  @Override
  public PresenceChange enter(
      String room, String userId, String userName, String sid, boolean active, String joinedAt) {
    return change(
            room,
            userId,
            before ->
                (before == null ? new PresentUser(userId, userName, joinedAt, Map.of()) : before)
                    .withConnection(sid, active))
        .orElseThrow();
  }

  @Override
  public Optional<PresenceChange> exit(String room, String userId, String sid) {
    return change(
        room,
        userId,
        before ->
            before == null || !before.connections().containsKey(sid)
                ? before
                : before.withoutConnection(sid));
  }

  @Override
  public Optional<PresenceChange> exitUser(String room, String userId) {
    return change(room, userId, before -> null);
  }

  @Override
  public boolean markActive(String room, String userId, String sid, boolean active) {
    return change(
            room,
            userId,
            before ->
                before == null || !before.connections().containsKey(sid)
                    ? before
                    : before.withConnection(sid, active))
        .isPresent();
  }

  @Override
  public List<PresentUser> present(String room) {
    return redis.call(
        r -> {
          List<PresentUser> users = new ArrayList<>();
          for (String json : r.hvals(redis.key(KEY + room))) {
            users.add(jsonb.fromJson(json, PresentUser.class));
          }
          users.sort(Comparator.comparing(PresentUser::joinedAt));
          return users;
        });
  }

  /**
   * Applies {@code next} to one user's entry atomically; a result without connections removes it.
   * Empty when nothing changed.
   */
  private Optional<PresenceChange> change(
      String room, String userId, UnaryOperator<PresentUser> next) {
    String key = redis.key(KEY + room);
    return redis.call(
        r -> {
          for (int attempt = 0; attempt < RedisCalls.MAX_ATTEMPTS; attempt++) {
            r.watch(key);
            String json = r.hget(key, userId);
            PresentUser before = json == null ? null : jsonb.fromJson(json, PresentUser.class);
            PresentUser after = next.apply(before);
            if (after == null && before == null || after != null && after.equals(before)) {
              r.unwatch();
              return Optional.<PresenceChange>empty();
            }
            long size = r.hlen(key);
            boolean gone = after == null || after.connections().isEmpty();
            Transaction tx = r.multi();
            if (gone) {
              tx.hdel(key, userId);
            } else {
              tx.hset(key, userId, jsonb.toJson(after));
            }
            tx.pexpire(key, idleMillis);
            if (tx.exec() != null) {
              if (gone) {
                return Optional.of(new PresenceChange(true, before, (int) size - 1));
              }
              boolean arrived = before == null;
              return Optional.of(
                  new PresenceChange(arrived, after, (int) (arrived ? size + 1 : size)));
            }
          }
          throw RedisCalls.contention(key);
        });
  }

  @Override
  public int occupancy(String room) {
    return (int) (long) redis.call(r -> r.hlen(redis.key(KEY + room)));
  }

  @Override
  public Set<String> presentRooms() {
    String keyPrefix = redis.key(KEY);
    return redis.call(
        r -> {
          Set<String> rooms = new HashSet<>();
          ScanParams match = new ScanParams().match(keyPrefix + "*").count(500);
          String cursor = ScanParams.SCAN_POINTER_START;
          do {
            ScanResult<String> page = r.scan(cursor, match);
            page.getResult().forEach(key -> rooms.add(key.substring(keyPrefix.length())));
            cursor = page.getCursor();
          } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
          return rooms;
        });
  }

  @Override
  public void keepAlive(Collection<String> rooms) {
    if (rooms.isEmpty()) {
      return;
    }
    redis.call(
        r -> {
          Pipeline pipeline = r.pipelined();
          for (String room : rooms) {
            pipeline.pexpire(redis.key(KEY + room), idleMillis);
          }
          pipeline.sync();
          return null;
        });
  }
}
