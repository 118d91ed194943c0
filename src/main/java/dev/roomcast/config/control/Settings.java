package dev.roomcast.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * roomcast's configuration: each setting is read from a system property ({@code roomcast.x.y}) or
 * else an environment variable ({@code ROOMCAST_X_Y}), else its default. README lists them.
 */
@ApplicationScoped
public class Settings {

  /** {@code memory} (default, single node) or {@code redis} (shared by several nodes). */
  public String store() {
    return text("store", "memory");
  }

  /** Where the Redis store lives: {@code REDIS_URL} (or {@code roomcast.redis.url}). */
  public String redisUrl() {
    String value = System.getProperty("roomcast.redis.url");
    if (value == null || value.isBlank()) {
      value = System.getenv("REDIS_URL");
    }
    return value == null || value.isBlank() ? "redis://127.0.0.1:6379" : value.trim();
  }

  /** Prefix of every Redis key, so several deployments can share one Redis. */
  public String redisPrefix() {
    return text("redis.prefix", "roomcast:");
  }

  /** Lock TTL when {@code lock:acquire} names none. */
  public Duration lockTtl() {
    return Duration.ofSeconds(number("lock.ttl.seconds", 60));
  }

  /** The longest TTL a client may ask for. */
  public Duration lockMaxTtl() {
    return Duration.ofSeconds(number("lock.max.ttl.seconds", 3600));
  }

  /** Messages one connection may have waiting to be sent before it is cut off (B2). */
  public int outboxCapacity() {
    return (int) number("outbox.capacity", 1024);
  }

  /**
   * How long the container keeps a WebSocket session that neither sends nor receives; zero (the
   * default) means no container timeout. Tyrus re-arms this timer on every frame sent, through a
   * managed scheduler that on Payara captures the calling context each time, which was the largest
   * cost of a broadcast; idle clients are better found by the protocol's own health checks.
   */
  public Duration sessionIdleTimeout() {
    return Duration.ofSeconds(number("session.idle.timeout.seconds", 0));
  }

  /**
   * Event types clients and the backend may publish into {@code room:<id>} as they are (F0.8); a
   * trailing {@code *} matches a prefix.
   */
  public List<String> passThroughEvents() {
    return Arrays.stream(
            text(
                    "passthrough.events",
                    "frame_update,invalidate:*,frames:invalidate,bookmarks:invalidate,"
                        + "queue:update,frame_selection:update,chat:message:new,"
                        + "chat:message:updated")
                .split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String text(String key, String fallback) {
    String value = System.getProperty("roomcast." + key);
    if (value == null) {
      value = System.getenv("ROOMCAST_" + key.toUpperCase().replace('.', '_'));
    }
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static long number(String key, long fallback) {
    String value = text(key, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("Setting " + key + " must be a number, got " + value, e);
    }
  }
}
