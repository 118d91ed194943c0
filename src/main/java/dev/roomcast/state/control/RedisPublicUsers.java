package dev.roomcast.state.control;

import dev.roomcast.publicrooms.entity.PublicUser;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Optional;
import redis.clients.jedis.JedisPool;

/** Public users shared through Redis: {@code public-user:<id>} holds the user's JSON. */
class RedisPublicUsers implements PublicUserStore {

  private final RedisCalls redis;
  private final Jsonb jsonb = JsonbBuilder.create();

  RedisPublicUsers(JedisPool pool, String prefix) {
    this.redis = new RedisCalls(pool, prefix);
  }

  @Override
  public void saveUser(PublicUser user) {
    redis.call(r -> r.set(redis.key("public-user:" + user.userId()), jsonb.toJson(user)));
  }

  @Override
  public Optional<PublicUser> publicUser(String userId) {
    if (userId == null) {
      return Optional.empty();
    }
    return redis.call(
        r ->
            Optional.ofNullable(r.get(redis.key("public-user:" + userId)))
                .map(json -> jsonb.fromJson(json, PublicUser.class)));
  }
}
