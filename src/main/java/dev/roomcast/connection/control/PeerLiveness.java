package dev.roomcast.connection.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.protocol.entity.CloseCodes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds connections whose peer is gone although nobody said so, as Socket.IO's and Centrifugo's
 * ping/pong do: a connection silent for the ping interval gets a WebSocket ping control frame,
 * which every WebSocket client answers with a pong on its own; one silent for the interval and the
 * pong timeout as well is closed with {@link CloseCodes#CONNECTION_TIMEOUT} and released. The pong
 * is due a pong timeout after the ping was written, not after it was queued: behind a backlog this
 * server is still writing, a late pong is the server's delay (the queue's bound deals with a peer
 * that falls behind), unless the queue has stopped moving, which means the peer stopped reading.
 *
 * <p>Why, when the container reports closes and failed sends end connections: a peer that vanished
 * without a FIN (a cable pulled, a laptop asleep) writes nothing to fail, and on Payara about one
 * dropped connection in a thousand under churn never had its close reported at all. This is the
 * bound for both; it is transport-level, so it leaves F4.3's application {@code ping} as it is.
 */
@ApplicationScoped
public class PeerLiveness {

  private static final Logger LOG = Logger.getLogger(PeerLiveness.class.getName());

  private SessionRegistry sessions;
  private Traffic traffic;
  private IncidentLog incidents;
  private ScheduledExecutorService scheduler;
  private long intervalMillis;
  private long lostAfterMillis;
  private long pongTimeoutMillis;
  private ScheduledFuture<?> task;

  protected PeerLiveness() {}

  @Inject
  public PeerLiveness(
      SessionRegistry sessions,
      Traffic traffic,
      IncidentLog incidents,
      @Managed ScheduledExecutorService scheduler,
      Settings settings) {
    this(
        sessions,
        traffic,
        incidents,
        scheduler,
        settings.transportPingInterval(),
        settings.transportPongTimeout());
  }

  PeerLiveness(
      SessionRegistry sessions,
      Traffic traffic,
      IncidentLog incidents,
      ScheduledExecutorService scheduler,
      Duration interval,
      Duration pongTimeout) {
    this.sessions = sessions;
    this.traffic = traffic;
    this.incidents = incidents;
    this.scheduler = scheduler;
    this.intervalMillis = interval.toMillis();
    this.lostAfterMillis = interval.plus(pongTimeout).toMillis();
    this.pongTimeoutMillis = pongTimeout.toMillis();
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (intervalMillis <= 0) {
      LOG.info("transport pings off (roomcast.transport.ping.interval.seconds=0)");
      return;
    }
    // a few rounds per interval, so a connection is probed and found lost close to its deadline
    long every = Math.max(250, Math.min(intervalMillis, lostAfterMillis - intervalMillis) / 4);
    task = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "transport ping after "
            + intervalMillis
            + " ms of silence; a connection silent for "
            + lostAfterMillis
            + " ms is closed");
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** One round over every connection of this node. */
  void tick() {
    long now = System.currentTimeMillis();
    for (Connection connection : sessions.all()) {
      try {
        check(connection, now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "liveness check of session " + connection.sid() + " failed", e);
      }
    }
  }

  void check(Connection connection, long now) {
    long silent = now - connection.lastHeardMillis();
    if (silent >= lostAfterMillis && connection.outbox().pingUnanswered(now, pongTimeoutMillis)) {
      // once: the close runs on the executor, and later rounds may come before the release
      if (connection.hasEnded() || connection.outbox().isClosed()) {
        return;
      }
      traffic.peerLost();
      incidents.report(
          LOG,
          Level.INFO,
          connection,
          "peer lost",
          () -> "session " + connection.sid() + " silent for " + silent + " ms, closed as lost");
      // closing tells the sink, and the sink the lifecycle, even if the close frame goes nowhere
      connection.outbox().closeNow(CloseCodes.CONNECTION_TIMEOUT, "No pong");
    } else if (silent >= intervalMillis) {
      connection.outbox().probe();
    }
  }
}
