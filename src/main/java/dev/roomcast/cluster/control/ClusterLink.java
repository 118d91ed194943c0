package dev.roomcast.cluster.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.identity.control.Kicks;
import dev.roomcast.identity.entity.UserDisconnect;
import dev.roomcast.platform.control.Heartbeat;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.platform.control.NodeIdentity;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.HistoryStore;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.SharedStream;
import dev.roomcast.store.control.RedisConnection;
import dev.roomcast.store.control.StoreStatus;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's link to the others when {@code ROOMCAST_STORE=redis}: the event bus every room event
 * travels on, orders to every node (kicks and token cut-offs, F3.7), and the heartbeat that lets
 * survivors clean up after a dead node. In single-node mode ({@code memory}) there is no link.
 */
@ApplicationScoped
public class ClusterLink implements StoreStatus {

  private static final Logger LOG = Logger.getLogger(ClusterLink.class.getName());
  private static final String KICK = "kick";

  @Inject Settings settings;
  @Inject RedisConnection redis;
  @Inject NodeIdentity node;
  @Inject RoomEventService events;
  @Inject DeadNodeCleanup cleanup;
  @Inject Kicks kicks;
  // its own thread: a drain's releases must not delay it past the node timeout
  @Inject @Heartbeat ScheduledExecutorService scheduler;
  @Inject @Managed ScheduledExecutorService cleanups;

  @Inject HistoryStore history;
  @Inject ServerSequence serverSequence;

  private RedisEventBus bus;
  private NodeDirectory directory;
  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> deadNodeScan;
  // when the last heartbeat failed (0: none since the last success): a Redis that hangs instead
  // of closing its connections shows here
  private volatile long beatFailedAtMillis;
  // set on the heartbeat's own thread (see stopHeartbeat), so no beat after it re-registers a node
  // that left, and nothing waits on a monitor across the beat's Redis write
  private volatile boolean departed;

  /**
   * The stream every node's room events travel on, for rooms to publish through in Redis mode; it
   * exists only there.
   */
  @Produces
  @ApplicationScoped
  SharedStream sharedStream() {
    return bus()
        .orElseThrow(
            () -> new IllegalStateException("no shared event stream without the Redis store"));
  }

  /** The event bus, present only in Redis mode. */
  public synchronized Optional<RedisEventBus> bus() {
    if (!clustered()) {
      return Optional.empty();
    }
    if (bus == null) {
      bus = new RedisEventBus(redis.pool(), redis.url(), redis.prefix(), settings.historyLimits());
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

  /**
   * In Redis mode: the event subscription is connected and the last heartbeat got through. Both are
   * known without a round trip, so a new connection can be refused at once while Redis is down.
   */
  @Override
  public boolean reachable() {
    if (!clustered()) {
      return true;
    }
    // a subscription confirmed after the last failed heartbeat proves Redis answers again
    return subscribed() && bus.subscribedAtMillis() >= beatFailedAtMillis;
  }

  /** Starts receiving events and beating as soon as the application is up. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    if (!clustered()) {
      return;
    }
    RedisEventBus eventBus = bus().orElseThrow();
    try {
      serverSequence.observe(history.currentServerSeq());
    } catch (RequestRejected e) {
      // replies carry the latest serverSeq this node has seen; it catches up with the first event
      LOG.warning("node " + node.id() + " starts without the server sequence: " + e.getMessage());
    }
    eventBus.start(events.shared()::deliver, this::carryOut, this::resubscribed);
    directory = new NodeDirectory(redis.pool(), redis.prefix(), settings.nodeTimeout());
    long period = Math.max(100, settings.nodeTimeout().toMillis() / 3);
    heartbeat = scheduler.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
    // not on the heartbeat's thread: a slow scan or claim there delayed this node's own beat
    // until the others took it for dead
    deadNodeScan =
        cleanups.scheduleWithFixedDelay(
            this::claimDeadNodes, period, period, TimeUnit.MILLISECONDS);
    LOG.info(
        "node "
            + node.id()
            + " joined the cluster; a node silent for "
            + settings.nodeTimeout().toMillis()
            + " ms counts as dead");
  }

  /**
   * Relays a kick or token cut-off of this node to the others (they carry it out within the time
   * Redis takes to pass a message on); this node already carried it out.
   */
  void relay(@Observes UserDisconnect order) {
    bus()
        .ifPresent(
            eventBus ->
                eventBus.publishControl(
                    KICK
                        + "\n"
                        + node.id()
                        + "\n"
                        + order.tokensIssuedBefore()
                        + "\n"
                        + order.userId()));
  }

  /** Carries out another node's order; user ids may hold any character, so the id comes last. */
  private void carryOut(String message) {
    String[] parts = message.split("\n", 4);
    if (parts.length != 4 || !KICK.equals(parts[0])) {
      LOG.warning("unknown cluster order ignored: " + message.lines().findFirst().orElse(""));
      return;
    }
    if (!parts[1].equals(node.id())) {
      kicks.apply(new UserDisconnect(parts[3], Long.parseLong(parts[2])));
    }
  }

  /** After the subscription was lost: catch up on events, re-check orders that may be missed. */
  private void resubscribed() {
    events.shared().catchUp();
    try {
      int closed = kicks.recheck();
      if (closed > 0) {
        LOG.info("closed " + closed + " connections revoked while the subscription was down");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "re-checking token cut-offs failed: " + e.getMessage());
    }
  }

  /**
   * The heartbeat's one write, alone on its thread: nothing else that talks to Redis may make it
   * late, and it holds no lock.
   */
  private void beat() {
    try {
      if (departed) {
        return;
      }
      directory.beat(node.id());
      beatFailedAtMillis = 0;
    } catch (RuntimeException e) {
      // Redis down: health says so, new connections are refused; the next beat retries
      if (beatFailedAtMillis == 0) {
        LOG.log(Level.WARNING, "heartbeat of node " + node.id() + " failed: " + e.getMessage());
      }
      beatFailedAtMillis = System.currentTimeMillis();
    }
  }

  /** Finds nodes whose heartbeat lapsed and releases, one claim each, what they held. */
  private void claimDeadNodes() {
    try {
      for (String dead : directory.deadNodes()) {
        if (!dead.equals(node.id()) && directory.claimCleanup(dead, node.id())) {
          cleanUpAfter(dead);
        }
      }
    } catch (RuntimeException e) {
      // Redis down: the heartbeat reports it; the next scan retries
      LOG.log(Level.FINE, "looking for dead nodes failed: " + e.getMessage());
    }
  }

  private void cleanUpAfter(String dead) {
    try {
      cleanup.release(dead);
      directory.forget(dead);
    } catch (RuntimeException e) {
      // the claim lapses and a survivor (this one, most likely) tries again
      LOG.log(Level.WARNING, "cleaning up after node " + dead + " failed: " + e.getMessage());
    }
  }

  /**
   * This node is stopping: no more heartbeats, and the current one is dropped, so the survivors
   * take it for dead at their next beat and release what it held, unless it departs first. It stays
   * in the set of nodes until it departs.
   */
  public void stopBeating() {
    if (directory == null) {
      return;
    }
    stopHeartbeat();
    directory.lapse(node.id());
  }

  /**
   * No beat from now on. The heartbeat runs on one thread of its own, so the flag is set there: a
   * beat under way finishes first, and none starts after; a Redis that hangs the beat delays a
   * departure by at most the node timeout, after which the beat can only refresh a key the
   * departure then removes.
   */
  private void stopHeartbeat() {
    if (deadNodeScan != null) {
      deadNodeScan.cancel(false);
    }
    if (heartbeat == null) {
      departed = true; // never beat
      return;
    }
    heartbeat.cancel(false);
    try {
      scheduler
          .submit(() -> departed = true)
          .get(settings.nodeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the heartbeat's thread is gone already: no beat runs any more
    } catch (ExecutionException | TimeoutException e) {
      LOG.warning("node " + node.id() + ": a heartbeat still under way at departure: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      departed = true;
    }
  }

  /**
   * This node goes: its heartbeat stops, {@code release} frees what its connections held, and only
   * then does it leave the set of nodes. If the release fails, the node stays registered without a
   * heartbeat, so a survivor releases it (within one heartbeat period) instead of nobody. Without
   * Redis, just the release.
   */
  public void depart(Runnable release) {
    if (directory == null) {
      release.run();
      return;
    }
    stopHeartbeat();
    directory.depart(node.id(), release);
    LOG.info("node " + node.id() + " left the cluster");
  }

  @PreDestroy
  void stop() {
    boolean left = departed;
    stopHeartbeat();
    if (directory != null && !left) {
      // stopping without having departed (the drain failed): the survivors clean up after it
      try {
        directory.lapse(node.id());
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "node " + node.id() + " could not drop its heartbeat; it lapses: " + e.getMessage());
      }
    }
    if (bus != null) {
      bus.close();
    }
  }
}
