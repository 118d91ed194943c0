package dev.roomcast.state.control;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Pooled Redis work for the Redis sub-stores: an unreachable Redis is STORE_UNAVAILABLE. */
public final class RedisCalls {

  static final int MAX_ATTEMPTS = 100;

  private final JedisPool pool;
  private final String prefix;

  public RedisCalls(JedisPool pool, String prefix) {
    this.pool = pool;
    this.prefix = prefix;
  }

  public <T> T call(Function<Jedis, T> work) {
    try (Jedis redis = pool.getResource()) {
      return work.apply(redis);
    } catch (JedisConnectionException e) {
      throw new RequestRejected(
          ErrorCode.STORE_UNAVAILABLE, "State store (Redis) unavailable: " + e.getMessage());
    }
  }

  public String key(String name) {
    return prefix + name;
  }

  static RequestRejected contention(String what) {
    return new RequestRejected(
        ErrorCode.STORE_UNAVAILABLE, "Too many concurrent changes to " + what + "; try again");
  }
}
