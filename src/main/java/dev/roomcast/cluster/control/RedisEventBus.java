package dev.roomcast.cluster.control;

import dev.roomcast.cluster.entity.ClusterEvent;
import dev.roomcast.cluster.entity.Numbered;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Room events across nodes. Publishing is one Lua script that numbers the event in its room and the
 * server, appends it to the room's history and publishes it, atomically: Redis runs scripts one at
 * a time, so every subscriber sees a room's events in {@code roomSeq} order. Pub/sub is not
 * reliable (a subscriber that reconnects misses what was published meanwhile), so receivers watch
 * {@code roomSeq} for gaps and fill them from history; this class only reports the reconnect.
 *
 * <p>History keys match {@code RedisHistory}: {@code history:<room>} is a sorted set of {@code
 * <roomSeq>|<timestamp>|<frame>} scored by roomSeq.
 */
public class RedisEventBus implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RedisEventBus.class.getName());

  // ARGV: head, mid, tail, timestamp, maxEvents, maxAgeMillis, channel, room
  private static final String PUBLISH =
      """
      local roomSeq = redis.call('INCR', KEYS[1])
      local serverSeq = redis.call('INCR', KEYS[2])
      local frame = ARGV[1] .. roomSeq .. ARGV[2] .. serverSeq .. ARGV[3]
      redis.call('ZADD', KEYS[3], roomSeq, roomSeq .. '|' .. ARGV[4] .. '|' .. frame)
      redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[5]) + 1))
      redis.call('PEXPIRE', KEYS[3], ARGV[6])
      redis.call('SET', KEYS[4], ARGV[4])
      redis.call('PUBLISH', ARGV[7], ARGV[8] .. '\\n' .. roomSeq .. '\\n' .. frame)
      return {roomSeq, serverSeq}
      """;

  private static final Duration RETRY = Duration.ofMillis(500);
  private static final JedisClientConfig SUBSCRIBER_CONFIG =
      DefaultJedisClientConfig.builder()
          .connectionTimeoutMillis(2000)
          .socketTimeoutMillis(0)
          .build();

  private final JedisPool pool;
  private final URI url;
  private final String prefix;
  private final String channel;
  private final int maxEvents;
  private final Duration maxAge;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile JedisPubSub subscription;
  private volatile String scriptSha;
  private Thread subscriber;

  public RedisEventBus(JedisPool pool, URI url, String prefix, int maxEvents, Duration maxAge) {
    this.pool = pool;
    this.url = url;
    this.prefix = prefix;
    this.channel = prefix + "events";
    this.maxEvents = maxEvents;
    this.maxAge = maxAge;
  }

  /**
   * Numbers, records and publishes one event. The frame is split around its two numbers, which only
   * Redis knows: {@code head + roomSeq + mid + serverSeq + tail}.
   */
  public Numbered publish(String room, String head, String mid, String tail, long timestamp) {
    List<String> keys =
        List.of(
            prefix + "seq:" + room,
            prefix + "seq:@server",
            prefix + "history:" + room,
            prefix + "last-at:" + room);
    List<String> args =
        List.of(
            head,
            mid,
            tail,
            Long.toString(timestamp),
            Integer.toString(maxEvents),
            Long.toString(maxAge.toMillis()),
            channel,
            room);
    try (Jedis redis = pool.getResource()) {
      Object result;
      try {
        result = redis.evalsha(sha(redis), keys, args);
      } catch (JedisException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
          throw e;
        }
        scriptSha = null; // Redis restarted and lost its script cache
        result = redis.evalsha(sha(redis), keys, args);
      }
      List<?> numbers = (List<?>) result;
      return new Numbered((Long) numbers.get(0), (Long) numbers.get(1));
    } catch (JedisConnectionException e) {
      throw new RequestRejected(
          ErrorCode.STORE_UNAVAILABLE, "State store (Redis) unavailable: " + e.getMessage());
    }
  }

  /**
   * Starts receiving every node's events on a thread of its own. {@code onEvent} runs on that
   * thread, one event at a time; {@code onResubscribed} runs after a lost subscription came back,
   * when events may have been missed.
   */
  public void start(Consumer<ClusterEvent> onEvent, Runnable onResubscribed) {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("already started");
    }
    subscriber =
        new Thread(() -> receive(onEvent, onResubscribed), "roomcast-event-bus-" + channel);
    subscriber.setDaemon(true);
    subscriber.start();
  }

  /** True while the subscription is connected. */
  public boolean isSubscribed() {
    JedisPubSub current = subscription;
    return current != null && current.isSubscribed();
  }

  @Override
  public void close() {
    running.set(false);
    JedisPubSub current = subscription;
    if (current != null && current.isSubscribed()) {
      current.unsubscribe();
    }
    if (subscriber != null) {
      subscriber.interrupt();
    }
  }

  private void receive(Consumer<ClusterEvent> onEvent, Runnable onResubscribed) {
    boolean first = true;
    while (running.get()) {
      boolean resubscribed = !first;
      JedisPubSub listener =
          new JedisPubSub() {
            @Override
            public void onSubscribe(String subscribed, int count) {
              if (resubscribed) {
                onResubscribed.run();
              }
            }

            @Override
            public void onMessage(String from, String message) {
              int first = message.indexOf('\n');
              int second = message.indexOf('\n', first + 1);
              try {
                onEvent.accept(
                    new ClusterEvent(
                        message.substring(0, first),
                        Long.parseLong(message.substring(first + 1, second)),
                        message.substring(second + 1)));
              } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "delivering a cluster event failed", e);
              }
            }
          };
      subscription = listener;
      // its own connection without a read timeout: a quiet channel is not a dead one
      try (Jedis redis = new Jedis(url, SUBSCRIBER_CONFIG)) {
        redis.subscribe(listener, channel);
      } catch (JedisException e) {
        if (running.get()) {
          LOG.warning("event subscription lost (" + e.getMessage() + "); retrying");
        }
      }
      first = false;
      if (running.get()) {
        try {
          Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private String sha(Jedis redis) {
    String sha = scriptSha;
    if (sha == null) {
      sha = redis.scriptLoad(PUBLISH);
      scriptSha = sha;
    }
    return sha;
  }
}
