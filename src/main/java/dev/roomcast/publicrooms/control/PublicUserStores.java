package dev.roomcast.publicrooms.control;

import dev.roomcast.store.control.RedisConnection;
import dev.roomcast.store.control.StoreKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;

/** The public users' store, in memory or in Redis as {@link StoreKind} says. */
@ApplicationScoped
public class PublicUserStores {

  @Inject StoreKind kind;
  @Inject RedisConnection redis;
  @Inject Jsonb jsonb;

  @Produces
  @ApplicationScoped
  PublicUserStore publicUsers() {
    return kind.redis()
        ? new RedisPublicUsers(redis.pool(), redis.prefix(), jsonb)
        : new InMemoryPublicUsers();
  }
}
