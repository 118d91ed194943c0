package dev.roomcast.config.control;

import dev.roomcast.config.entity.HistoryLimits;
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

  /** How long a node may miss heartbeats before the others release what it held. */
  public Duration nodeTimeout() {
    return Duration.ofMillis(number("node.timeout.millis", 6000));
  }

  /**
   * The longest a client told to go by a draining node waits before it reconnects: each gets a
   * random delay up to this, so the clients of a node spread their reconnects (B6).
   */
  public Duration drainReconnectSpread() {
    return Duration.ofMillis(number("drain.reconnect.spread.millis", 2000));
  }

  /**
   * How long a drain waits for its connections to be closed and released before it releases what
   * they still hold in the store itself (B6).
   */
  public Duration drainTimeout() {
    return Duration.ofMillis(number("drain.timeout.millis", 10_000));
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
   * How many events, how old and how many bytes each room's replay history may get, how many bytes
   * all rooms' together (F2.6, B12), and after how long an unused stream is forgotten.
   */
  public HistoryLimits historyLimits() {
    HistoryLimits defaults = HistoryLimits.defaults();
    return new HistoryLimits(
        (int) number("history.max.events", defaults.maxEvents()),
        Duration.ofSeconds(number("history.max.age.seconds", defaults.maxAge().toSeconds())),
        number("history.max.room.bytes", defaults.maxRoomBytes()),
        number("history.max.total.bytes", defaults.maxTotalBytes()),
        Duration.ofSeconds(number("stream.idle.seconds", defaults.streamIdle().toSeconds())));
  }

  /**
   * How often per-room state is swept (B12): aged history dropped, idle streams and positions of
   * rooms without members forgotten, the streams of rooms in use kept alive.
   */
  public Duration sweepInterval() {
    return Duration.ofMillis(number("sweep.interval.millis", 30_000));
  }

  /** How long an anonymous public user lives after its creation or its last use (F4.6, B12). */
  public Duration publicUserTtl() {
    return Duration.ofSeconds(number("public.user.ttl.seconds", 86_400));
  }

  /** How many public users one address may create per window (B12). */
  public int publicUsersPerIp() {
    return (int) number("public.users.per.ip", 20);
  }

  /** The window of {@link #publicUsersPerIp()}. */
  public Duration publicUsersWindow() {
    return Duration.ofSeconds(number("public.users.window.seconds", 3600));
  }

  /** The coalescing interval of event types that name none (F1.4). */
  public Duration coalesceInterval() {
    return Duration.ofMillis(number("coalesce.interval.ms", 200));
  }

  /**
   * High-frequency event types coalesced per room to one per interval, last value kept (F1.4): a
   * comma-separated list of {@code type} or {@code type=millis}.
   */
  public List<String> coalescedEvents() {
    return list("coalesce.events", "frame_selection:update");
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
   * Whether the container fast path may be used (default {@code true}): on Tyrus, pre-built frames
   * handed to Tyrus's writer instead of {@code sendText}, and on Payara's plain HTTP listener
   * straight into Grizzly's write queue (never for {@code wss://}, B11). {@code false} sends every
   * frame through {@code RemoteEndpoint.Async.sendText}, the portable path, on every listener: the
   * switch for a container whose internals the fast path misreads.
   */
  public boolean fastPath() {
    return Boolean.parseBoolean(text("fast.path", "true"));
  }

  /**
   * Event types clients and the backend may publish into {@code room:<id>} as they are (F0.8); a
   * trailing {@code *} matches a prefix.
   */
  public List<String> passThroughEvents() {
    return list(
        "passthrough.events",
        "frame_update,invalidate:*,frames:invalidate,bookmarks:invalidate,"
            + "queue:update,frame_selection:update,chat:message:new,"
            + "chat:message:updated");
  }

  private static List<String> list(String key, String fallback) {
    return Arrays.stream(text(key, fallback).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /**
   * HMAC secret of handshake tokens (HS256/384/512 JWTs, F3.1), at least 32 bytes; unset means no
   * token can be verified, so every connection is anonymous.
   */
  public String authSecret() {
    return text("auth.secret", null);
  }

  /**
   * The longest a handshake token may live ({@code exp - iat}); also how long a per-user token
   * cut-off is kept, since every token issued before it has expired by then (F3.7).
   */
  public Duration maxTokenLifetime() {
    return Duration.ofSeconds(number("auth.max.token.lifetime.seconds", 86_400));
  }

  /**
   * The backend's API keys (B10): each at least 32 characters, comma-separated so a key can be
   * rotated; sent as {@code Authorization: Bearer <key>}. Empty: only backend JWTs (if a secret is
   * set) or the insecure development mode open the backend endpoints.
   */
  public List<String> apiKeys() {
    return list("api.key", "");
  }

  /**
   * Development mode (B10): the backend endpoints answer without a credential. Never in production;
   * start-up logs a warning.
   */
  public boolean apiInsecure() {
    return Boolean.parseBoolean(text("api.insecure", "false"));
  }

  /**
   * Addresses (or CIDR ranges) of reverse proxies whose forwarding header names the client; empty
   * (the default) trusts none, so the TCP peer is the client (F4.2).
   */
  public List<String> trustedProxies() {
    return list("trusted.proxies", "");
  }

  /**
   * The header the trusted proxies write the client's address into: {@code X-Forwarded-For} (the
   * default) or {@code Forwarded} (RFC 7239). Only one is read, so a client cannot slip in the
   * other one past a proxy that does not overwrite it.
   */
  public String forwardedHeader() {
    return text("forwarded.header", "X-Forwarded-For");
  }

  /** Whether a connection without a token is accepted as anonymous (F3.1). */
  public boolean anonymousAllowed() {
    return Boolean.parseBoolean(text("auth.anonymous", "true"));
  }

  /** Where room kinds are configured; empty means the defaults bundled in the WAR (F1.2). */
  public String roomKindsFile() {
    return text("room.kinds.file", "");
  }

  /** Concurrent {@code /public-room} connections per client IP (F4.2). */
  public int publicConnectionsPerIp() {
    return (int) number("public.connections.per.ip", 2);
  }

  /** After how long a per-IP connection entry counts as stale and is dropped (F4.2). */
  public Duration publicConnectionStaleAfter() {
    return Duration.ofSeconds(number("public.connection.stale.seconds", 3600));
  }

  /** How long a connection may be idle before it is sent {@code ping} (F4.3). */
  public Duration idleInterval() {
    return Duration.ofMillis(number("idle.interval.millis", 300_000));
  }

  /**
   * How long a connection may send nothing before it is sent a WebSocket ping control frame, which
   * every client answers with a pong without being asked to; zero turns transport pings off.
   */
  public Duration transportPingInterval() {
    return Duration.ofSeconds(number("transport.ping.interval.seconds", 25));
  }

  /**
   * How much longer than {@link #transportPingInterval()} a connection may stay silent, the pong
   * included, before it counts as lost and is closed and released. A socket whose end the container
   * never reports (a peer that vanished without a FIN, or a close the container lost) is found so.
   */
  public Duration transportPongTimeout() {
    return Duration.ofSeconds(number("transport.pong.timeout.seconds", 20));
  }

  /** Unanswered {@code ping}s after which a connection is closed with CONNECTION_TIMEOUT (F4.3). */
  public int idleMaxMissedPongs() {
    return (int) number("idle.max.missed.pongs", 3);
  }

  /**
   * How long a new connection may take to send its first request's headers (normally the WebSocket
   * upgrade) before it is closed; zero turns the deadline off. A slow-loris client trickles header
   * bytes so that the container's idle timeout never fires.
   */
  public Duration handshakeTimeout() {
    return Duration.ofSeconds(number("handshake.timeout.seconds", 60));
  }

  /** Largest text frame the server reads; larger ones are answered FRAME_TOO_LARGE (B3). */
  public int maxFrameBytes() {
    return (int) number("max.frame.bytes", 65_536);
  }

  /** Messages per second a connection may send on average (B3). */
  public int rateLimitPerSecond() {
    return (int) number("rate.limit.per.second", 100);
  }

  /** Messages a connection may send in one burst above the average rate (B3). */
  public int rateLimitBurst() {
    return (int) number("rate.limit.burst", 200);
  }

  /** Rooms one connection may be in at once, the server-assigned ones included (B3). */
  public int maxRoomsPerConnection() {
    return (int) number("max.rooms.per.connection", 100);
  }

  /**
   * Origins allowed to open a socket ({@code *} = any); a handshake without an {@code Origin}
   * header (not a browser) is always allowed (B3).
   */
  public List<String> allowedOrigins() {
    return Arrays.stream(text("allowed.origins", "*").split(","))
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
