package dev.roomcast.identity.control;

import dev.roomcast.store.control.RedisConnection;
import dev.roomcast.store.control.StoreKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;

/** The token cut-offs (F3.7), kept where the rooms are so every node honours them. */
@ApplicationScoped
public class TokenCutoffStores {

  @Inject StoreKind kind;
  @Inject RedisConnection redis;

  @Produces
  @ApplicationScoped
  TokenCutoffStore tokenCutoffs() {
    return kind.redis()
        ? new RedisTokenCutoffs(redis.pool(), redis.prefix())
        : new InMemoryTokenCutoffs(Clock.systemUTC());
  }
}
