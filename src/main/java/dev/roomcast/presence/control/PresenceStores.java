package dev.roomcast.presence.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.store.control.RedisConnection;
import dev.roomcast.store.control.StoreKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;

/** The presence store, in memory or in Redis as {@link StoreKind} says. */
@ApplicationScoped
public class PresenceStores {

  @Inject StoreKind kind;
  @Inject RedisConnection redis;
  @Inject Settings settings;
  @Inject Jsonb jsonb;

  @Produces
  @ApplicationScoped
  PresenceStore presence() {
    // a room's presence is forgotten with its stream, when neither has been touched that long
    return kind.redis()
        ? new RedisPresenceStore(
            redis.pool(),
            redis.prefix(),
            settings.historyLimits().effectiveStreamIdle().toMillis(),
            jsonb)
        : new InMemoryPresenceStore();
  }
}
