package dev.roomcast.socketio.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.protocol.entity.CloseCodes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Engine.IO's heartbeat: a Socket.IO client closes its connection when no ping came for {@code
 * pingInterval + pingTimeout}, however much else it received, so every Socket.IO connection is
 * pinged each {@code pingInterval} even while it keeps sending (a busy {@code /ws} client is not:
 * its pings come only after silence, from {@code PeerLiveness}, which also closes a Socket.IO
 * client that leaves them unanswered). The ping goes through the outbox as the transport ping does;
 * the outbox sends at most one unanswered ping at a time. A socket or polling session that has not
 * sent CONNECT within {@code pingInterval + pingTimeout} of opening is closed (4010, {@code No
 * CONNECT}), as Socket.IO servers do after their {@code connectTimeout}.
 */
@ApplicationScoped
public class EngineHeartbeat {

  private static final Logger LOG = Logger.getLogger(EngineHeartbeat.class.getName());

  @Inject SocketIoSessions sessions;
  @Inject PollingSessions polling;
  @Inject Settings settings;
  @Inject @Managed ScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    long interval = settings.transportPingInterval().toMillis();
    if (interval <= 0) {
      return;
    }
    long every = Math.max(250, interval / 4);
    task =
        scheduler.scheduleWithFixedDelay(() -> tick(interval), every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  void tick(long intervalMillis) {
    long now = System.currentTimeMillis();
    long abandonedAfter = intervalMillis + settings.transportPongTimeout().toMillis();
    for (PollingSession session : polling.all()) {
      // a polling session that never sent CONNECT holds no connection for PeerLiveness to find
      if (session.conversation().connection() == null
          && session.transport().upgradedTo() == null
          && now - session.transport().lastPollMillis() >= abandonedAfter) {
        session.transport().close(CloseCodes.CONNECTION_TIMEOUT, "No CONNECT");
      }
    }
    // Socket.IO's connectTimeout: a client that does not CONNECT within what its own heartbeat
    // would wait is gone, or never meant to; either way it holds a socket and no limit counts it
    for (SocketIoSink waiting : sessions.awaitingConnect()) {
      if (now - waiting.openedAtMillis() >= abandonedAfter) {
        waiting.close(CloseCodes.CONNECTION_TIMEOUT, "No CONNECT");
      }
    }
    for (SocketIoSink sink : sessions.all()) {
      Connection connection = sink.connection();
      try {
        if (connection != null && now - sink.lastPingMillis() >= intervalMillis) {
          connection.outbox().probe();
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Engine.IO ping of session " + sink.id() + " failed", e);
      }
    }
  }
}
