package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.store.control.RedisConnection;
import dev.roomcast.store.control.StoreKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.time.Clock;

/** The rooms' stores, in memory or in Redis as {@link StoreKind} says. */
@ApplicationScoped
public class RoomStores {

  @Inject StoreKind kind;
  @Inject RedisConnection redis;
  @Inject Settings settings;
  @Inject Jsonb jsonb;

  @Produces
  @ApplicationScoped
  RoomStore rooms() {
    return kind.redis()
        ? new RedisRoomStore(redis.pool(), redis.prefix(), jsonb)
        : new InMemoryRoomStore();
  }

  @Produces
  @ApplicationScoped
  HistoryStore history() {
    return kind.redis()
        ? new RedisHistory(
            redis.pool(), redis.prefix(), settings.historyLimits(), Clock.systemUTC())
        : new InMemoryHistory(settings.historyLimits(), Clock.systemUTC());
  }
}
