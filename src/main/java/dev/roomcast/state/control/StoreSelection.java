package dev.roomcast.state.control;

import dev.roomcast.config.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.time.Clock;
import java.util.logging.Logger;

/** Picks the {@link RoomStore} (and {@link TokenCutoffStore}) named by {@code ROOMCAST_STORE}. */
@ApplicationScoped
public class StoreSelection {

  private static final Logger LOG = Logger.getLogger(StoreSelection.class.getName());

  @Inject Settings settings;
  @Inject RedisConnection redis;
  @Inject Jsonb jsonb;

  @Produces
  @ApplicationScoped
  RoomStore store() {
    String kind = settings.store();
    switch (kind) {
      case "memory" -> {
        LOG.info("roomcast state store: in-memory (single node)");
        return new InMemoryRoomStore(settings.historyLimits(), Clock.systemUTC());
      }
      case "redis" -> {
        LOG.info(
            "roomcast state store: Redis at "
                + redis.url().getHost()
                + ":"
                + redis.url().getPort()
                + ", key prefix "
                + redis.prefix());
        return new RedisRoomStore(
            redis.pool(), redis.prefix(), settings.historyLimits(), Clock.systemUTC(), jsonb);
      }
      default ->
          throw new IllegalStateException(
              "ROOMCAST_STORE=" + kind + " is not supported; use 'memory' or 'redis'");
    }
  }

  /** The token cut-offs (F3.7), kept where the rooms are so every node honours them. */
  @Produces
  @ApplicationScoped
  TokenCutoffStore tokenCutoffs() {
    return "redis".equals(settings.store())
        ? new RedisTokenCutoffs(redis.pool(), redis.prefix())
        : new InMemoryTokenCutoffs(Clock.systemUTC());
  }
}
