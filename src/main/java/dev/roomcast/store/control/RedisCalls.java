package dev.roomcast.store.control;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Pooled Redis work for the Redis sub-stores: an unreachable Redis is STORE_UNAVAILABLE. */
public final class RedisCalls {

  public static final int MAX_ATTEMPTS = 100;

  private final JedisPool pool;
  private final String prefix;
  // script text to its SHA1, so a script crosses the network once per Redis lifetime
  private final Map<String, String> shas = new ConcurrentHashMap<>();

  public RedisCalls(JedisPool pool, String prefix) {
    this.pool = pool;
    this.prefix = prefix;
  }

  public <T> T call(Function<Jedis, T> work) {
    try (Jedis redis = pool.getResource()) {
      return work.apply(redis);
    } catch (JedisConnectionException e) {
      throw unavailable(e);
    }
  }

  /** STORE_UNAVAILABLE for a Redis that cannot be reached. */
  public static RequestRejected unavailable(JedisConnectionException e) {
    return new RequestRejected(
        ErrorCode.STORE_UNAVAILABLE, "State store (Redis) unavailable: " + e.getMessage());
  }

  /**
   * Runs a Lua script by its SHA1, loading it first where Redis does not know it (a Redis that
   * restarted has lost its script cache).
   */
  public Object eval(Jedis redis, String script, List<String> keys, List<String> args) {
    String sha = shas.get(script);
    if (sha != null) {
      try {
        return redis.evalsha(sha, keys, args);
      } catch (JedisConnectionException e) {
        throw e;
      } catch (JedisException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
          throw e;
        }
      }
    }
    sha = redis.scriptLoad(script);
    shas.put(script, sha);
    return redis.evalsha(sha, keys, args);
  }

  public String key(String name) {
    return prefix + name;
  }

  public static RequestRejected contention(String what) {
    return new RequestRejected(
        ErrorCode.STORE_UNAVAILABLE, "Too many concurrent changes to " + what + "; try again");
  }
}
