package dev.roomcast.connection.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.entity.Disconnected;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.platform.control.NodeIdentity;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.ServerPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opening and closing connections: registers a new one, puts it into {@code client:<sid>} and, if
 * its user is known, {@code user:<id>} (F3.2), and greets it with {@code connection_status} (F2.1);
 * when its socket is gone takes it out of every room and announces {@link Closing} and {@link
 * Disconnected} so its presence, locks, presenter role and per-address slot are released.
 *
 * <p>A socket is gone when the container reports the close, when the container's transport does
 * (see the sink), or when a send fails, whichever comes first; all of them lead to {@link #ended}.
 * The release then happens exactly once, after the opening and any request still running on the
 * connection have finished (so nothing they add outlives it), and always on the managed executor:
 * the news may arrive inside a broadcast, which holds its room's lock while it queues an event to
 * every member, and a release that published {@code user-left} there would overtake that event for
 * the members not reached yet.
 */
@ApplicationScoped
public class ConnectionLifecycle {

  private static final Logger LOG = Logger.getLogger(ConnectionLifecycle.class.getName());

  @Inject SessionRegistry sessions;
  @Inject RoomRegistry rooms;
  @Inject Replies replies;
  @Inject ServerSequence serverSequence;
  @Inject Settings settings;
  @Inject NodeIdentity node;
  @Inject Traffic traffic;
  @Inject IncidentLog incidents;
  @Inject @Managed ScheduledExecutorService executor;
  @Inject Event<Closing> closing;
  @Inject Event<Disconnected> disconnected;

  /** The sid a connection on {@code sink} gets: this node's id and the session id. */
  public String sidFor(FrameSink sink) {
    return node.sidFor(sink.id());
  }

  /**
   * Opens an admitted connection. It stays in its opening until {@link #opened} (or {@link
   * #abandon}): a socket that goes meanwhile is released only then.
   *
   * @param ipHash the hashed client address it counts against, or null
   * @param publicRoomId the room of a {@code /public-room} connection, or null
   */
  public Connection open(FrameSink sink, Identity identity, String ipHash, String publicRoomId) {
    Outbox outbox = new Outbox(sink, settings.outboxCapacity(), traffic, incidents);
    Connection connection =
        new Connection(
            sidFor(sink),
            outbox,
            identity,
            ipHash,
            publicRoomId,
            new RateLimit(settings.rateLimitPerSecond(), settings.rateLimitBurst()));
    try {
      outbox.whenFailed(() -> ended(connection));
      sessions.add(connection);
      rooms.join(connection, RoomNames.ofClient(connection.sid()));
      if (identity.authenticated()) {
        rooms.join(connection, RoomNames.ofUser(identity.userId()));
      }
      replies.send(
          connection,
          EventTypes.CONNECTION_STATUS,
          new ServerPayload.ConnectionStatus(
              "connected",
              connection.sid(),
              serverSequence.latest(),
              Clock.systemUTC().millis(),
              identity.userId(),
              identity.authenticated()));
      sink.whenGone(() -> ended(connection));
      return connection;
    } catch (RuntimeException e) {
      abandon(connection);
      throw e;
    }
  }

  /** The opening of a connection is over: from now on only requests delay its release. */
  public void opened(Connection connection) {
    if (connection.leave()) {
      releaseLater(connection);
    }
  }

  /** The opening failed half-way: the connection ends and is released. */
  public void abandon(Connection connection) {
    ended(connection);
    opened(connection);
  }

  /**
   * Runs a request of the connection unless its socket is gone; a release the socket's end calls
   * for meanwhile waits until the request is done.
   */
  public void whileOpen(Connection connection, Runnable request) {
    try {
      if (connection.enter()) {
        request.run();
      }
    } finally {
      if (connection.leave()) {
        releaseLater(connection);
      }
    }
  }

  /**
   * The connection's socket is gone: nothing more is sent to it, and it is released once no work on
   * it is running. Cheap and safe on any thread, a broadcast's included.
   */
  public void ended(Connection connection) {
    connection.outbox().close();
    if (connection.end()) {
      releaseLater(connection);
    }
  }

  /**
   * Refuses a connection that was never opened: sends {@code error {code, message}} and closes it
   * with {@code closeCode} once that is out.
   */
  public void refuse(FrameSink sink, ErrorReply error, int closeCode) {
    Connection refused =
        new Connection(sink.id(), new Outbox(sink, settings.outboxCapacity(), traffic, incidents));
    replies.send(refused, EventTypes.ERROR, error);
    refused.close(closeCode, error.message());
  }

  private void releaseLater(Connection connection) {
    Executor releases = executor;
    try {
      releases.execute(() -> release(connection));
    } catch (RejectedExecutionException e) {
      // the application is stopping: release here rather than not at all
      release(connection);
    }
  }

  private void release(Connection connection) {
    try {
      closing.fire(new Closing(connection));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "releasing session " + connection.sid() + " failed", e);
    }
    rooms.leaveAll(connection);
    sessions.remove(connection);
    try {
      disconnected.fire(new Disconnected(connection.sid()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cleaning up after session " + connection.sid() + " failed", e);
    }
  }
}
