package dev.roomcast.handshake.control;

import dev.roomcast.store.control.RedisCalls;
import java.util.List;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Transaction;

/**
 * Per-IP connections shared through Redis, so the limit holds across nodes: one sorted set per IP
 * hash ({@code ip:<hash>}, sid scored by connect time, expiring with the stale age) and a set of
 * the hashes for purging.
 */
public class RedisConnectionLimits implements ConnectionLimitStore {

  private final RedisCalls redis;

  public RedisConnectionLimits(JedisPool pool, String prefix) {
    this.redis = new RedisCalls(pool, prefix);
  }

  @Override
  public boolean admit(
      String ipHash, String sid, int limit, long nowMillis, long staleAfterMillis) {
    String key = redis.key("ip:" + ipHash);
    return redis.call(
        r -> {
          for (int attempt = 0; attempt < RedisCalls.MAX_ATTEMPTS; attempt++) {
            r.watch(key);
            r.zremrangeByScore(key, Double.NEGATIVE_INFINITY, nowMillis - staleAfterMillis - 1);
            if (r.zscore(key, sid) == null && r.zcard(key) >= limit) {
              r.unwatch();
              return false;
            }
            Transaction tx = r.multi();
            tx.zadd(key, nowMillis, sid);
            // an address that never comes back leaves nothing behind
            tx.pexpire(key, staleAfterMillis);
            tx.sadd(redis.key("ip-hashes"), ipHash);
            List<Object> done = tx.exec();
            if (done != null) {
              return true;
            }
          }
          throw RedisCalls.contention(key);
        });
  }

  @Override
  public void release(String ipHash, String sid) {
    redis.call(r -> r.zrem(redis.key("ip:" + ipHash), sid));
  }

  @Override
  public int connectionCount(String ipHash, long nowMillis, long staleAfterMillis) {
    String key = redis.key("ip:" + ipHash);
    return redis.call(
        r -> {
          r.zremrangeByScore(key, Double.NEGATIVE_INFINITY, nowMillis - staleAfterMillis - 1);
          return (int) r.zcard(key);
        });
  }

  @Override
  public void purgeStale(long nowMillis, long staleAfterMillis) {
    for (String ipHash : redis.call(r -> r.smembers(redis.key("ip-hashes")))) {
      if (connectionCount(ipHash, nowMillis, staleAfterMillis) == 0) {
        redis.call(r -> r.srem(redis.key("ip-hashes"), ipHash));
      }
    }
  }
}
