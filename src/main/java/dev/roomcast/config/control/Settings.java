package dev.roomcast.config.control;

import dev.roomcast.config.entity.HistoryLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * roomcast's configuration, read and checked once, when the application starts. In the container
 * the values come through MicroProfile Config ({@link StartupSettings}): a setting {@code
 * roomcast.x.y} is a system property of that name, an environment variable {@code ROOMCAST_X_Y}
 * (MicroProfile Config's mapping of the same name), an entry of {@code
 * META-INF/microprofile-config.properties} or of any config source the server adds; else its
 * default. README lists them. A value that cannot be right (not a number, a negative size, an
 * unknown store) stops the start with one message naming every bad setting and its value.
 */
public class Settings {

  private static final String PREFIX = "roomcast.";
  // seconds are turned into milliseconds downstream: bounded so that cannot overflow
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1000;
  private static final Settings DEFAULTS = new Settings(name -> Optional.empty());

  private final String store;
  private final String redisUrl;
  private final Duration nodeTimeout;
  private final Duration drainReconnectSpread;
  private final Duration drainTimeout;
  private final String redisPrefix;
  private final Duration lockTtl;
  private final Duration lockMaxTtl;
  private final int outboxCapacity;
  private final HistoryLimits historyLimits;
  private final Duration sweepInterval;
  private final Duration publicUserTtl;
  private final int publicUsersPerIp;
  private final Duration publicUsersWindow;
  private final Duration coalesceInterval;
  private final List<String> coalescedEvents;
  private final Duration presenceBatchWindow;
  private final Duration sessionIdleTimeout;
  private final boolean fastPath;
  private final List<String> passThroughEvents;
  private final String authSecret;
  private final Duration maxTokenLifetime;
  private final List<String> apiKeys;
  private final boolean apiInsecure;
  private final List<String> trustedProxies;
  private final String forwardedHeader;
  private final boolean anonymousAllowed;
  private final String roomKindsFile;
  private final int publicConnectionsPerIp;
  private final Duration publicConnectionStaleAfter;
  private final Duration idleInterval;
  private final Duration transportPingInterval;
  private final Duration transportPongTimeout;
  private final int idleMaxMissedPongs;
  private final Duration handshakeTimeout;
  private final int maxFrameBytes;
  private final int rateLimitPerSecond;
  private final int rateLimitBurst;
  private final int maxRoomsPerConnection;
  private final List<String> allowedOrigins;

  /**
   * Reads every setting from {@code source}, which maps a full setting name ({@code
   * roomcast.outbox.capacity}, {@code REDIS_URL}) to its value if it has one. Blank values count as
   * unset.
   *
   * @throws IllegalStateException naming every setting whose value is bad, and the value
   */
  public Settings(Function<String, Optional<String>> source) {
    Values values = new Values(source);
    store = values.oneOf("store", "memory", "memory", "redis");
    redisUrl = values.redisUrl("redis".equals(store));
    nodeTimeout = Duration.ofMillis(values.positive("node.timeout.millis", 6000));
    drainReconnectSpread = Duration.ofMillis(values.amount("drain.reconnect.spread.millis", 2000));
    drainTimeout = Duration.ofMillis(values.amount("drain.timeout.millis", 10_000));
    redisPrefix = values.text("redis.prefix", "roomcast:");
    lockTtl = Duration.ofSeconds(values.positiveSeconds("lock.ttl.seconds", 60));
    lockMaxTtl = Duration.ofSeconds(values.positiveSeconds("lock.max.ttl.seconds", 3600));
    outboxCapacity = values.positiveCount("outbox.capacity", 1024);
    historyLimits = historyLimits(values);
    sweepInterval = Duration.ofMillis(values.positive("sweep.interval.millis", 30_000));
    publicUserTtl = Duration.ofSeconds(values.positiveSeconds("public.user.ttl.seconds", 86_400));
    publicUsersPerIp = values.count("public.users.per.ip", 20);
    publicUsersWindow =
        Duration.ofSeconds(values.positiveSeconds("public.users.window.seconds", 3600));
    coalesceInterval = Duration.ofMillis(values.amount("coalesce.interval.ms", 200));
    coalescedEvents = values.list("coalesce.events", "frame_selection:update");
    presenceBatchWindow = Duration.ofMillis(values.positive("presence.batch.ms", 100));
    sessionIdleTimeout = Duration.ofSeconds(values.seconds("session.idle.timeout.seconds", 0));
    fastPath = values.flag("fast.path", true);
    passThroughEvents =
        values.list(
            "passthrough.events",
            "frame_update,invalidate:*,frames:invalidate,bookmarks:invalidate,"
                + "queue:update,frame_selection:update,chat:message:new,"
                + "chat:message:updated");
    authSecret = values.text("auth.secret", null);
    maxTokenLifetime =
        Duration.ofSeconds(values.positiveSeconds("auth.max.token.lifetime.seconds", 86_400));
    apiKeys = values.list("api.key", "");
    apiInsecure = values.flag("api.insecure", false);
    trustedProxies = values.list("trusted.proxies", "");
    forwardedHeader = values.text("forwarded.header", "X-Forwarded-For");
    anonymousAllowed = values.flag("auth.anonymous", true);
    roomKindsFile = values.text("room.kinds.file", "");
    publicConnectionsPerIp = values.count("public.connections.per.ip", 2);
    publicConnectionStaleAfter =
        Duration.ofSeconds(values.seconds("public.connection.stale.seconds", 3600));
    idleInterval = Duration.ofMillis(values.positive("idle.interval.millis", 300_000));
    transportPingInterval =
        Duration.ofSeconds(values.seconds("transport.ping.interval.seconds", 25));
    transportPongTimeout = Duration.ofSeconds(values.seconds("transport.pong.timeout.seconds", 20));
    idleMaxMissedPongs = values.count("idle.max.missed.pongs", 3);
    handshakeTimeout = Duration.ofSeconds(values.seconds("handshake.timeout.seconds", 60));
    maxFrameBytes = values.positiveCount("max.frame.bytes", 65_536);
    rateLimitPerSecond = values.positiveCount("rate.limit.per.second", 100);
    rateLimitBurst = values.count("rate.limit.burst", 200);
    maxRoomsPerConnection = values.count("max.rooms.per.connection", 100);
    allowedOrigins = values.list("allowed.origins", "*");
    values.failIfAnyBad();
  }

  /** The settings MicroProfile Config gives {@code config}. */
  public static Settings from(Config config) {
    return new Settings(name -> config.getOptionalValue(name, String.class));
  }

  /**
   * The settings of system properties and environment variables alone, under MicroProfile Config's
   * names: for code that runs without a container, such as the bench's bare Tyrus.
   */
  public static Settings fromEnvironment() {
    return new Settings(
        name ->
            Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(name)))));
  }

  /** Every setting at its default. */
  public static Settings defaults() {
    return DEFAULTS;
  }

  /**
   * The environment variable MicroProfile Config reads for a setting when no source has its exact
   * name: every character other than a letter or digit becomes {@code _}, and the rest upper case.
   */
  public static String environmentName(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** {@code memory} (default, single node) or {@code redis} (shared by several nodes). */
  public String store() {
    return store;
  }

  /**
   * Where the Redis store lives: {@code roomcast.redis.url} (so also {@code ROOMCAST_REDIS_URL}),
   * else {@code REDIS_URL}.
   */
  public String redisUrl() {
    return redisUrl;
  }

  /** How long a node may miss heartbeats before the others release what it held. */
  public Duration nodeTimeout() {
    return nodeTimeout;
  }

  /**
   * The longest a client told to go by a draining node waits before it reconnects: each gets a
   * random delay up to this, so the clients of a node spread their reconnects (B6).
   */
  public Duration drainReconnectSpread() {
    return drainReconnectSpread;
  }

  /**
   * How long a drain waits for its connections to be closed and released before it releases what
   * they still hold in the store itself (B6).
   */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /** Prefix of every Redis key, so several deployments can share one Redis. */
  public String redisPrefix() {
    return redisPrefix;
  }

  /** Lock TTL when {@code lock:acquire} names none. */
  public Duration lockTtl() {
    return lockTtl;
  }

  /** The longest TTL a client may ask for. */
  public Duration lockMaxTtl() {
    return lockMaxTtl;
  }

  /** Messages one connection may have waiting to be sent before it is cut off (B2). */
  public int outboxCapacity() {
    return outboxCapacity;
  }

  /**
   * How many events, how old and how many bytes each room's replay history may get, how many bytes
   * all rooms' together (F2.6, B12), and after how long an unused stream is forgotten.
   */
  public HistoryLimits historyLimits() {
    return historyLimits;
  }

  /**
   * How often per-room state is swept (B12): aged history dropped, idle streams and positions of
   * rooms without members forgotten, the streams of rooms in use kept alive.
   */
  public Duration sweepInterval() {
    return sweepInterval;
  }

  /** How long an anonymous public user lives after its creation or its last use (F4.6, B12). */
  public Duration publicUserTtl() {
    return publicUserTtl;
  }

  /** How many public users one address may create per window (B12). */
  public int publicUsersPerIp() {
    return publicUsersPerIp;
  }

  /** The window of {@link #publicUsersPerIp()}. */
  public Duration publicUsersWindow() {
    return publicUsersWindow;
  }

  /** The coalescing interval of event types that name none (F1.4). */
  public Duration coalesceInterval() {
    return coalesceInterval;
  }

  /**
   * The window of a batched-presence room kind (F4.4): changes within it go out in one {@code
   * presence:diff}.
   */
  public Duration presenceBatchWindow() {
    return presenceBatchWindow;
  }

  /**
   * High-frequency event types coalesced per room to one per interval, last value kept (F1.4): a
   * comma-separated list of {@code type} or {@code type=millis}.
   */
  public List<String> coalescedEvents() {
    return coalescedEvents;
  }

  /**
   * How long the container keeps a WebSocket session that neither sends nor receives; zero (the
   * default) means no container timeout. Tyrus re-arms this timer on every frame sent, through a
   * managed scheduler that on Payara captures the calling context each time, which was the largest
   * cost of a broadcast; idle clients are better found by the protocol's own health checks.
   */
  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  /**
   * Whether the container fast path may be used (default {@code true}): on Tyrus, pre-built frames
   * handed to Tyrus's writer instead of {@code sendText}, and on Payara's plain HTTP listener
   * straight into Grizzly's write queue (never for {@code wss://}, B11). {@code false} sends every
   * frame through {@code RemoteEndpoint.Async.sendText}, the portable path, on every listener: the
   * switch for a container whose internals the fast path misreads.
   */
  public boolean fastPath() {
    return fastPath;
  }

  /**
   * Event types clients and the backend may publish into {@code room:<id>} as they are (F0.8); a
   * trailing {@code *} matches a prefix.
   */
  public List<String> passThroughEvents() {
    return passThroughEvents;
  }

  /**
   * HMAC secret of handshake tokens (HS256/384/512 JWTs, F3.1), at least 32 bytes; unset means no
   * token can be verified, so every connection is anonymous.
   */
  public String authSecret() {
    return authSecret;
  }

  /**
   * The longest a handshake token may live ({@code exp - iat}); also how long a per-user token
   * cut-off is kept, since every token issued before it has expired by then (F3.7).
   */
  public Duration maxTokenLifetime() {
    return maxTokenLifetime;
  }

  /**
   * The backend's API keys (B10): each at least 32 characters, comma-separated so a key can be
   * rotated; sent as {@code Authorization: Bearer <key>}. Empty: only backend JWTs (if a secret is
   * set) or the insecure development mode open the backend endpoints.
   */
  public List<String> apiKeys() {
    return apiKeys;
  }

  /**
   * Development mode (B10): the backend endpoints answer without a credential. Never in production;
   * start-up logs a warning.
   */
  public boolean apiInsecure() {
    return apiInsecure;
  }

  /**
   * Addresses (or CIDR ranges) of reverse proxies whose forwarding header names the client; empty
   * (the default) trusts none, so the TCP peer is the client (F4.2).
   */
  public List<String> trustedProxies() {
    return trustedProxies;
  }

  /**
   * The header the trusted proxies write the client's address into: {@code X-Forwarded-For} (the
   * default) or {@code Forwarded} (RFC 7239). Only one is read, so a client cannot slip in the
   * other one past a proxy that does not overwrite it.
   */
  public String forwardedHeader() {
    return forwardedHeader;
  }

  /** Whether a connection without a token is accepted as anonymous (F3.1). */
  public boolean anonymousAllowed() {
    return anonymousAllowed;
  }

  /** Where room kinds are configured; empty means the defaults bundled in the WAR (F1.2). */
  public String roomKindsFile() {
    return roomKindsFile;
  }

  /** Concurrent {@code /public-room} connections per client IP (F4.2). */
  public int publicConnectionsPerIp() {
    return publicConnectionsPerIp;
  }

  /** After how long a per-IP connection entry counts as stale and is dropped (F4.2). */
  public Duration publicConnectionStaleAfter() {
    return publicConnectionStaleAfter;
  }

  /** How long a connection may be idle before it is sent {@code ping} (F4.3). */
  public Duration idleInterval() {
    return idleInterval;
  }

  /**
   * How long a connection may send nothing before it is sent a WebSocket ping control frame, which
   * every client answers with a pong without being asked to; zero turns transport pings off.
   */
  public Duration transportPingInterval() {
    return transportPingInterval;
  }

  /**
   * How much longer than {@link #transportPingInterval()} a connection may stay silent, the pong
   * included, before it counts as lost and is closed and released. A socket whose end the container
   * never reports (a peer that vanished without a FIN, or a close the container lost) is found so.
   */
  public Duration transportPongTimeout() {
    return transportPongTimeout;
  }

  /** Unanswered {@code ping}s after which a connection is closed with CONNECTION_TIMEOUT (F4.3). */
  public int idleMaxMissedPongs() {
    return idleMaxMissedPongs;
  }

  /**
   * How long a new connection may take to send its first request's headers (normally the WebSocket
   * upgrade) before it is closed; zero turns the deadline off. A slow-loris client trickles header
   * bytes so that the container's idle timeout never fires.
   */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** Largest text frame the server reads; larger ones are answered FRAME_TOO_LARGE (B3). */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Messages per second a connection may send on average (B3). */
  public int rateLimitPerSecond() {
    return rateLimitPerSecond;
  }

  /** Messages a connection may send in one burst above the average rate (B3). */
  public int rateLimitBurst() {
    return rateLimitBurst;
  }

  /** Rooms one connection may be in at once, the server-assigned ones included (B3). */
  public int maxRoomsPerConnection() {
    return maxRoomsPerConnection;
  }

  /**
   * Origins allowed to open a socket ({@code *} = any); a handshake without an {@code Origin}
   * header (not a browser) is always allowed (B3).
   */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  private static HistoryLimits historyLimits(Values values) {
    HistoryLimits defaults = HistoryLimits.defaults();
    return new HistoryLimits(
        values.count("history.max.events", defaults.maxEvents()),
        Duration.ofSeconds(
            values.seconds("history.max.age.seconds", defaults.maxAge().toSeconds())),
        values.amount("history.max.room.bytes", defaults.maxRoomBytes()),
        values.amount("history.max.total.bytes", defaults.maxTotalBytes()),
        Duration.ofSeconds(
            values.seconds("stream.idle.seconds", defaults.streamIdle().toSeconds())));
  }

  /** Reads raw values and collects what is wrong with them, so one start names every mistake. */
  private static final class Values {

    private final Function<String, Optional<String>> source;
    private final List<String> problems = new ArrayList<>();

    Values(Function<String, Optional<String>> source) {
      this.source = source;
    }

    private Optional<String> raw(String name) {
      return source.apply(name).map(String::trim).filter(value -> !value.isEmpty());
    }

    String text(String key, String fallback) {
      return raw(PREFIX + key).orElse(fallback);
    }

    List<String> list(String key, String fallback) {
      return Arrays.stream(text(key, fallback).split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .toList();
    }

    String oneOf(String key, String fallback, String... allowed) {
      String value = text(key, fallback);
      if (!List.of(allowed).contains(value)) {
        bad(PREFIX + key, value, "must be one of " + String.join(", ", allowed));
        return fallback;
      }
      return value;
    }

    boolean flag(String key, boolean fallback) {
      Optional<String> value = raw(PREFIX + key);
      if (value.isEmpty()) {
        return fallback;
      }
      return switch (value.get().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> {
          bad(PREFIX + key, value.get(), "must be true or false");
          yield fallback;
        }
      };
    }

    /** A count that may be zero. */
    int count(String key, int fallback) {
      return (int) number(key, fallback, 0, Integer.MAX_VALUE);
    }

    /** A count that must be at least one. */
    int positiveCount(String key, int fallback) {
      return (int) number(key, fallback, 1, Integer.MAX_VALUE);
    }

    /** A size or a time in milliseconds that may be zero. */
    long amount(String key, long fallback) {
      return number(key, fallback, 0, Long.MAX_VALUE);
    }

    /** A time in milliseconds that must be at least one. */
    long positive(String key, long fallback) {
      return number(key, fallback, 1, Long.MAX_VALUE);
    }

    /** A time in seconds that may be zero. */
    long seconds(String key, long fallback) {
      return number(key, fallback, 0, MAX_SECONDS);
    }

    /** A time in seconds that must be at least one. */
    long positiveSeconds(String key, long fallback) {
      return number(key, fallback, 1, MAX_SECONDS);
    }

    private long number(String key, long fallback, long min, long max) {
      Optional<String> value = raw(PREFIX + key);
      if (value.isEmpty()) {
        return fallback;
      }
      long number;
      try {
        number = Long.parseLong(value.get());
      } catch (NumberFormatException e) {
        bad(PREFIX + key, value.get(), "must be a whole number " + range(min, max));
        return fallback;
      }
      if (number < min || number > max) {
        bad(PREFIX + key, value.get(), "must be a whole number " + range(min, max));
        return fallback;
      }
      return number;
    }

    private static String range(long min, long max) {
      return max == Long.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
    }

    /** {@code REDIS_URL} is the name hosting platforms give it; only Redis mode needs it valid. */
    String redisUrl(boolean needed) {
      String name = raw(PREFIX + "redis.url").isPresent() ? PREFIX + "redis.url" : "REDIS_URL";
      Optional<String> value = raw(name);
      if (value.isEmpty()) {
        return "redis://127.0.0.1:6379";
      }
      if (needed && !isRedisUrl(value.get())) {
        bad(name, value.get(), "must be a redis:// or rediss:// URL with a host");
      }
      return value.get();
    }

    private static boolean isRedisUrl(String value) {
      try {
        URI uri = new URI(value);
        return uri.getHost() != null
            && ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()));
      } catch (URISyntaxException e) {
        return false;
      }
    }

    private void bad(String name, String value, String rule) {
      problems.add(name + " (" + environmentName(name) + ") " + rule + ", not '" + value + "'");
    }

    void failIfAnyBad() {
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            "roomcast settings are invalid: " + String.join("; ", problems));
      }
    }
  }
}
