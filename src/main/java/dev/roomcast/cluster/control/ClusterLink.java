package dev.roomcast.cluster.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.state.control.RedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's link to the others when {@code ROOMCAST_STORE=redis}: the event bus every room event
 * travels on, and the heartbeat that lets survivors clean up after a dead node. In single-node mode
 * ({@code memory}) there is no link.
 */
@ApplicationScoped
public class ClusterLink {

  private static final Logger LOG = Logger.getLogger(ClusterLink.class.getName());

  @Inject Settings settings;
  @Inject RedisConnection redis;
  @Inject NodeIdentity node;
  @Inject RoomEventService events;
  @Inject DeadNodeCleanup cleanup;
  @Inject @Managed ScheduledExecutorService scheduler;

  private RedisEventBus bus;
  private NodeDirectory directory;
  private ScheduledFuture<?> heartbeat;

  /** The event bus, present only in Redis mode. */
  public synchronized Optional<RedisEventBus> bus() {
    if (!clustered()) {
      return Optional.empty();
    }
    if (bus == null) {
      bus =
          new RedisEventBus(
              redis.pool(),
              redis.url(),
              redis.prefix(),
              settings.historyLimits().maxEvents(),
              settings.historyLimits().maxAge());
    }
    return Optional.of(bus);
  }

  public boolean clustered() {
    return "redis".equals(settings.store());
  }

  /** True when the event subscription is up; what {@code /api/health} reports as redis. */
  public boolean subscribed() {
    return bus != null && bus.isSubscribed();
  }

  /** Starts receiving events and beating as soon as the application is up. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    if (!clustered()) {
      return;
    }
    RedisEventBus eventBus = bus().orElseThrow();
    events.distributeVia(eventBus);
    eventBus.start(events::deliver, events::catchUp);
    directory = new NodeDirectory(redis.pool(), redis.prefix(), settings.nodeTimeout());
    long period = Math.max(100, settings.nodeTimeout().toMillis() / 3);
    heartbeat = scheduler.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
    LOG.info(
        "node "
            + node.id()
            + " joined the cluster; a node silent for "
            + settings.nodeTimeout().toMillis()
            + " ms counts as dead");
  }

  private void beat() {
    try {
      directory.beat(node.id());
      for (String dead : directory.deadNodes()) {
        if (!dead.equals(node.id()) && directory.claimCleanup(dead, node.id())) {
          cleanup.release(dead);
          directory.forget(dead);
        }
      }
    } catch (RuntimeException e) {
      // Redis down: health says so; the next beat retries
      LOG.log(Level.WARNING, "heartbeat of node " + node.id() + " failed: " + e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    if (bus != null) {
      bus.close();
    }
    if (directory != null) {
      try {
        directory.leave(node.id());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "node " + node.id() + " could not unregister: " + e.getMessage());
      }
    }
  }
}
