package dev.roomcast.publicrooms.control;

import dev.roomcast.publicrooms.entity.PublicUser;
import dev.roomcast.store.control.RedisCalls;
import jakarta.json.bind.Jsonb;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

/**
 * Public users shared through Redis: {@code public-user:<id>} holds the user's JSON and expires
 * when unused; {@code public-users-from:<hash>} counts an address's users in the current window.
 */
public class RedisPublicUsers implements PublicUserStore {

  private static final String COUNT =
      """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
      end
      return n
      """;

  private final RedisCalls redis;
  private final Jsonb jsonb;

  public RedisPublicUsers(JedisPool pool, String prefix, Jsonb jsonb) {
    this.redis = new RedisCalls(pool, prefix);
    this.jsonb = jsonb;
  }

  @Override
  public void saveUser(PublicUser user, long nowMillis, long ttlMillis) {
    redis.call(
        r ->
            r.set(
                redis.key("public-user:" + user.userId()),
                jsonb.toJson(user),
                SetParams.setParams().px(ttlMillis)));
  }

  @Override
  public Optional<PublicUser> publicUser(String userId, long nowMillis, long ttlMillis) {
    if (userId == null) {
      return Optional.empty();
    }
    return redis.call(
        r ->
            Optional.ofNullable(
                    r.getEx(
                        redis.key("public-user:" + userId),
                        GetExParams.getExParams().px(ttlMillis)))
                .map(json -> jsonb.fromJson(json, PublicUser.class)));
  }

  @Override
  public long countUserCreation(String ipHash, long nowMillis, long windowMillis) {
    return redis.call(
        r ->
            (Long)
                redis.eval(
                    r,
                    COUNT,
                    List.of(redis.key("public-users-from:" + ipHash)),
                    List.of(Long.toString(windowMillis))));
  }

  @Override
  public void purgeExpiredUsers(long nowMillis) {
    // Redis expires both kinds of keys by itself
  }
}
