package dev.roomcast.state.control;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.state.entity.HistoryEntry;
import dev.roomcast.state.entity.HistoryLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * History shared by every node: one sorted set per room scored by {@code roomSeq}, trimmed to the
 * count limit on each append and expired as a whole when the room has been quiet longer than the
 * age limit (older entries are also filtered on read). The epoch is a key created once per room; a
 * Redis flush removes it with the history and the sequences, so the next one differs.
 *
 * <p>Keys: {@code history:<room>} (sorted set of {@code <roomSeq>|<timestamp>|<frame>}), {@code
 * epoch:<room>}, {@code last-at:<room>}.
 */
public class RedisHistory implements HistoryStore {

  private final JedisPool pool;
  private final String prefix;
  private final HistoryLimits limits;
  private final Clock clock;

  public RedisHistory(JedisPool pool, String prefix, HistoryLimits limits, Clock clock) {
    this.pool = pool;
    this.prefix = prefix;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public String epoch(String room) {
    String key = prefix + "epoch:" + room;
    return call(
        redis -> {
          String candidate = UUID.randomUUID().toString().substring(0, 8);
          redis.setnx(key, candidate);
          return redis.get(key);
        });
  }

  @Override
  public void append(String room, HistoryEntry entry) {
    String key = prefix + "history:" + room;
    call(
        redis -> {
          Transaction tx = redis.multi();
          tx.zadd(
              key,
              entry.roomSeq(),
              entry.roomSeq() + "|" + entry.timestamp() + "|" + entry.frame());
          tx.zremrangeByRank(key, 0, -(limits.maxEvents() + 1L));
          tx.pexpire(key, limits.maxAge().toMillis());
          tx.set(prefix + "last-at:" + room, Long.toString(entry.timestamp()));
          return tx.exec();
        });
  }

  @Override
  public List<HistoryEntry> after(String room, long after) {
    long oldestKept = clock.millis() - limits.maxAge().toMillis();
    List<String> members =
        call(redis -> redis.zrangeByScore(prefix + "history:" + room, "(" + after, "+inf"));
    List<HistoryEntry> entries = new ArrayList<>(members.size());
    for (String member : members) {
      String[] parts = member.split("\\|", 3);
      long timestamp = Long.parseLong(parts[1]);
      if (timestamp >= oldestKept) {
        entries.add(new HistoryEntry(Long.parseLong(parts[0]), timestamp, parts[2]));
      }
    }
    return entries;
  }

  @Override
  public OptionalLong lastPublishedAt(String room) {
    String value = call(redis -> redis.get(prefix + "last-at:" + room));
    return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
  }

  private <T> T call(Function<Jedis, T> work) {
    try (Jedis redis = pool.getResource()) {
      return work.apply(redis);
    } catch (JedisConnectionException e) {
      throw new RequestRejected(
          ErrorCode.STORE_UNAVAILABLE, "State store (Redis) unavailable: " + e.getMessage());
    }
  }
}
