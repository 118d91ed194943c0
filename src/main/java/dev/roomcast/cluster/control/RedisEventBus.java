package dev.roomcast.cluster.control;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.rooms.control.RedisStreamScripts;
import dev.roomcast.rooms.control.SharedStream;
import dev.roomcast.rooms.entity.ClusterEvent;
import dev.roomcast.rooms.entity.Numbered;
import dev.roomcast.store.control.RedisCalls;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
 * {@code roomSeq} for gaps and fill them from history, and each event names its stream's epoch, so
 * a receiver also sees a stream that was lost (Redis flushed or restarted empty) and started over.
 *
 * <p>The stream keys are the history store's ({@link RedisStreamScripts}).
 *
 * <p>Orders to all nodes (such as kicking a user, F3.7) travel on a second channel, {@code
 * control}, over the same subscription; they are not numbered or kept, so a node that was not
 * subscribed misses them and must re-check what it needs when {@code onResubscribed} runs.
 */
public class RedisEventBus implements SharedStream, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RedisEventBus.class.getName());

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
  private final String controlChannel;
  private final HistoryLimits limits;
  private final RedisCalls calls;
  private final AtomicBoolean running = new AtomicBoolean();
  // true from the subscription's confirmation until its connection breaks
  private volatile boolean subscribed;
  private volatile long subscribedAtMillis;
  private volatile JedisPubSub subscription;
  private Thread subscriber;

  public RedisEventBus(JedisPool pool, URI url, String prefix, HistoryLimits limits) {
    this.pool = pool;
    this.url = url;
    this.prefix = prefix;
    this.channel = prefix + "events";
    this.controlChannel = prefix + "control";
    this.limits = limits;
    this.calls = new RedisCalls(pool, prefix);
  }

  @Override
  public Numbered publish(String room, String head, String mid, String tail, long timestamp) {
    List<String> keys =
        List.of(
            RedisStreamScripts.streamKey(prefix, room),
            RedisStreamScripts.historyKey(prefix, room),
            prefix + "seq:@server");
    List<String> args =
        List.of(
            head,
            mid,
            tail,
            Long.toString(timestamp),
            Integer.toString(limits.maxEvents()),
            Long.toString(limits.maxAge().toMillis()),
            Long.toString(limits.maxRoomBytes()),
            Long.toString(limits.effectiveStreamIdle().toMillis()),
            UUID.randomUUID().toString().substring(0, 8),
            channel,
            room);
    try (Jedis redis = pool.getResource()) {
      List<?> numbers = (List<?>) calls.eval(redis, RedisStreamScripts.PUBLISH, keys, args);
      return new Numbered((Long) numbers.get(0), (Long) numbers.get(1));
    } catch (JedisConnectionException e) {
      throw RedisCalls.unavailable(e);
    }
  }

  /**
   * Sends an order to every subscribed node, this one included; returns how many subscribers
   * received it.
   */
  public long publishControl(String message) {
    try (Jedis redis = pool.getResource()) {
      return redis.publish(controlChannel, message);
    } catch (JedisConnectionException e) {
      throw RedisCalls.unavailable(e);
    }
  }

  /**
   * Starts receiving every node's events on a thread of its own. {@code onEvent} runs on that
   * thread, one event at a time; {@code onResubscribed} runs after a lost subscription came back,
   * when events may have been missed.
   */
  public void start(Consumer<ClusterEvent> onEvent, Runnable onResubscribed) {
    start(onEvent, message -> {}, onResubscribed);
  }

  /** As {@link #start(Consumer, Runnable)}, with {@code onControl} receiving every order. */
  public void start(
      Consumer<ClusterEvent> onEvent, Consumer<String> onControl, Runnable onResubscribed) {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("already started");
    }
    subscriber =
        new Thread(
            () -> receive(onEvent, onControl, onResubscribed), "roomcast-event-bus-" + channel);
    subscriber.setDaemon(true);
    subscriber.start();
  }

  /**
   * True while the subscription is connected: from Redis's confirmation until the connection breaks
   * (a Jedis subscriber still counts itself subscribed after its connection died).
   */
  public boolean isSubscribed() {
    return subscribed;
  }

  /** When the current subscription was confirmed (epoch millis); 0 if never. */
  public long subscribedAtMillis() {
    return subscribedAtMillis;
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

  private void receive(
      Consumer<ClusterEvent> onEvent, Consumer<String> onControl, Runnable onResubscribed) {
    boolean first = true;
    while (running.get()) {
      boolean resubscribed = !first;
      JedisPubSub listener =
          new JedisPubSub() {
            @Override
            public void onSubscribe(String to, int count) {
              // on the subscriber thread, before any message: a catch-up sees the stream as it
              // was when the subscription came back, and events after it arrive in order
              if (count < 2) {
                return; // once, when both channels are subscribed
              }
              if (resubscribed) {
                try {
                  onResubscribed.run();
                } catch (RuntimeException e) {
                  LOG.log(Level.SEVERE, "catching up after a lost subscription failed", e);
                }
              }
              subscribedAtMillis = System.currentTimeMillis();
              subscribed = true;
            }

            @Override
            public void onMessage(String from, String message) {
              if (controlChannel.equals(from)) {
                try {
                  onControl.accept(message);
                } catch (RuntimeException e) {
                  LOG.log(Level.SEVERE, "carrying out a cluster order failed", e);
                }
                return;
              }
              try {
                onEvent.accept(parse(message));
              } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "delivering a cluster event failed", e);
              }
            }
          };
      subscription = listener;
      // its own connection without a read timeout: a quiet channel is not a dead one
      try (Jedis redis = new Jedis(url, SUBSCRIBER_CONFIG)) {
        redis.subscribe(listener, channel, controlChannel);
      } catch (JedisException e) {
        if (running.get() && (first || subscribed)) {
          // once per outage: the retries every RETRY would fill the log
          LOG.warning("event subscription lost (" + e.getMessage() + "); retrying");
        }
      } finally {
        subscribed = false;
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

  /** {@code room\nroomSeq\nserverSeq\nepoch\nframe}, as the publish script sends it. */
  static ClusterEvent parse(String message) {
    int first = message.indexOf('\n');
    int second = message.indexOf('\n', first + 1);
    int third = message.indexOf('\n', second + 1);
    int fourth = message.indexOf('\n', third + 1);
    return new ClusterEvent(
        message.substring(0, first),
        Long.parseLong(message.substring(first + 1, second)),
        Long.parseLong(message.substring(second + 1, third)),
        message.substring(third + 1, fourth),
        message.substring(fourth + 1));
  }
}
