package dev.roomcast.state.control;

import dev.roomcast.config.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Picks the {@link RoomStore} implementation named by {@code ROOMCAST_STORE}. */
@ApplicationScoped
public class StoreSelection {

  private static final Logger LOG = Logger.getLogger(StoreSelection.class.getName());
  // bounded waits: a Redis that is gone must turn into an error quickly, not a hung request
  private static final int REDIS_TIMEOUT_MILLIS = 2000;

  @Inject Settings settings;

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
        URI url = URI.create(settings.redisUrl());
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(64);
        config.setMaxWait(Duration.ofMillis(REDIS_TIMEOUT_MILLIS));
        LOG.info(
            "roomcast state store: Redis at "
                + url.getHost()
                + ":"
                + url.getPort()
                + ", key prefix "
                + settings.redisPrefix());
        return new RedisRoomStore(
            new JedisPool(config, url, REDIS_TIMEOUT_MILLIS, REDIS_TIMEOUT_MILLIS),
            settings.redisPrefix(),
            settings.historyLimits(),
            Clock.systemUTC());
      }
      default ->
          throw new IllegalStateException(
              "ROOMCAST_STORE=" + kind + " is not supported; use 'memory' or 'redis'");
    }
  }

  void close(@Disposes RoomStore store) {
    if (store instanceof RedisRoomStore redis) {
      redis.close();
    }
  }
}
