package dev.roomcast.store.control;

import dev.roomcast.config.control.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** The one Redis connection pool of this node, opened on first use in Redis mode. */
@ApplicationScoped
public class RedisConnection {

  // bounded waits: a Redis that is gone must turn into an error quickly, not a hung request
  private static final int TIMEOUT_MILLIS = 2000;

  @Inject Settings settings;

  private JedisPool pool;

  public synchronized JedisPool pool() {
    if (pool == null) {
      JedisPoolConfig config = new JedisPoolConfig();
      config.setMaxTotal(64);
      config.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
      pool = new JedisPool(config, url(), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
    }
    return pool;
  }

  public URI url() {
    return URI.create(settings.redisUrl());
  }

  public String prefix() {
    return settings.redisPrefix();
  }

  @PreDestroy
  synchronized void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
