package dev.roomcast.handshake.control;

import dev.roomcast.store.control.RedisConnection;
import dev.roomcast.store.control.StoreKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The per-address connection counts, in memory or in Redis as {@link StoreKind} says. */
@ApplicationScoped
public class ConnectionLimitStores {

  @Inject StoreKind kind;
  @Inject RedisConnection redis;

  @Produces
  @ApplicationScoped
  ConnectionLimitStore connectionLimits() {
    return kind.redis()
        ? new RedisConnectionLimits(redis.pool(), redis.prefix())
        : new InMemoryConnectionLimits();
  }
}
