package dev.roomcast.identity.control;

import dev.roomcast.store.control.RedisCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import redis.clients.jedis.JedisPool;

/**
 * Token cut-offs shared through Redis: {@code token-cutoff:<userId>} holds the cut-off (epoch
 * seconds) and expires when every token it refuses has expired.
 */
public class RedisTokenCutoffs implements TokenCutoffStore {

  // raise only: a later call with an earlier time never lowers a cut-off in force
  private static final String RAISE =
      """
      local current = redis.call('GET', KEYS[1])
      if current and tonumber(current) >= tonumber(ARGV[1]) then
        return current
      end
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      return ARGV[1]
      """;

  private final RedisCalls redis;

  public RedisTokenCutoffs(JedisPool pool, String prefix) {
    this.redis = new RedisCalls(pool, prefix);
  }

  @Override
  public long raiseCutoff(String userId, long issuedBefore, Duration keepFor) {
    Object result =
        redis.call(
            r ->
                r.eval(
                    RAISE,
                    List.of(key(userId)),
                    List.of(Long.toString(issuedBefore), Long.toString(keepFor.toMillis()))));
    return Long.parseLong(String.valueOf(result));
  }

  @Override
  public OptionalLong cutoff(String userId) {
    String value = redis.call(r -> r.get(key(userId)));
    return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
  }

  @Override
  public Map<String, Long> cutoffs(Collection<String> userIds) {
    List<String> ids = new ArrayList<>(userIds);
    Map<String, Long> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    List<String> values =
        redis.call(r -> r.mget(ids.stream().map(this::key).toArray(String[]::new)));
    for (int i = 0; i < ids.size(); i++) {
      if (values.get(i) != null) {
        found.put(ids.get(i), Long.parseLong(values.get(i)));
      }
    }
    return found;
  }

  private String key(String userId) {
    return redis.key("token-cutoff:" + userId);
  }
}
