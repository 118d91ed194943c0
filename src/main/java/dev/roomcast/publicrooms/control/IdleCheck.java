package dev.roomcast.publicrooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ErrorReply;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.handshake.control.ConnectionLimits;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.EventTypes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The idle health check (F4.3): every interval, a connection that sent nothing for an interval gets
 * {@code ping}; any frame it sends (normally {@code pong}) answers it; after the configured number
 * of unanswered pings in a row it gets {@code error CONNECTION_TIMEOUT} and is closed. The same
 * tick drops stale per-IP entries (F4.2).
 */
@ApplicationScoped
public class IdleCheck {

  private static final Logger LOG = Logger.getLogger(IdleCheck.class.getName());

  private SessionRegistry sessions;
  private Replies replies;
  private ConnectionLimits limits;
  private ScheduledExecutorService scheduler;
  private long intervalMillis;
  private int maxMissed;
  private ScheduledFuture<?> task;

  protected IdleCheck() {}

  @Inject
  public IdleCheck(
      SessionRegistry sessions,
      Replies replies,
      ConnectionLimits limits,
      @Managed ScheduledExecutorService scheduler,
      Settings settings) {
    this.sessions = sessions;
    this.replies = replies;
    this.limits = limits;
    this.scheduler = scheduler;
    this.intervalMillis = settings.idleInterval().toMillis();
    this.maxMissed = settings.idleMaxMissedPongs();
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    task =
        scheduler.scheduleWithFixedDelay(
            this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    LOG.info("idle check every " + intervalMillis + " ms, " + maxMissed + " missed pongs close");
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** One round over every connection of this node. */
  public void tick() {
    long now = System.currentTimeMillis();
    for (Connection connection : sessions.all()) {
      try {
        check(connection, now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "idle check of session " + connection.sid() + " failed", e);
      }
    }
    try {
      limits.purgeStale();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "purging stale per-IP entries failed", e);
    }
  }

  void check(Connection connection, long now) {
    if (connection.awaitingPong()) {
      int missed = connection.missedPong();
      if (missed > maxMissed) {
        // the timeout notice did not drain within an interval: the client reads nothing at all
        connection.outbox().closeNow(CloseCodes.CONNECTION_TIMEOUT, "CONNECTION_TIMEOUT");
        return;
      }
      if (missed == maxMissed) {
        String message = "Connection terminated: " + missed + " pings unanswered";
        replies.send(
            connection,
            EventTypes.ERROR,
            new ErrorReply(ErrorCode.CONNECTION_TIMEOUT, message, null));
        connection.close(CloseCodes.CONNECTION_TIMEOUT, "CONNECTION_TIMEOUT");
        return;
      }
      replies.send(connection, EventTypes.PING, Map.of());
    } else if (now - connection.lastInboundMillis() >= intervalMillis) {
      connection.pinged();
      replies.send(connection, EventTypes.PING, Map.of());
    }
  }
}
