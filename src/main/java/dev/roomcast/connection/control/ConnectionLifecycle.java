package dev.roomcast.connection.control;

import dev.roomcast.cluster.control.NodeIdentity;
import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.entity.Disconnected;
import dev.roomcast.identity.entity.Identity;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.rooms.entity.RoomNames;
import dev.roomcast.state.control.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opening and closing connections: registers a new one, puts it into {@code client:<sid>} and, if
 * its user is known, {@code user:<id>} (F3.2), and greets it with {@code connection_status} (F2.1);
 * on close takes it out of every room and announces {@link Closing} and {@link Disconnected} so its
 * presence, locks and presenter role are released.
 */
@ApplicationScoped
public class ConnectionLifecycle {

  private static final Logger LOG = Logger.getLogger(ConnectionLifecycle.class.getName());

  @Inject SessionRegistry sessions;
  @Inject RoomRegistry rooms;
  @Inject Replies replies;
  @Inject RoomStore store;
  @Inject Settings settings;
  @Inject NodeIdentity node;
  @Inject Traffic traffic;
  @Inject Event<Closing> closing;
  @Inject Event<Disconnected> disconnected;

  /** The sid a connection on {@code sink} gets: this node's id and the session id. */
  public String sidFor(FrameSink sink) {
    return node.sidFor(sink.id());
  }

  /**
   * Opens an admitted connection.
   *
   * @param ipHash the hashed client address it counts against, or null
   * @param publicRoomId the room of a {@code /public-room} connection, or null
   */
  public Connection open(FrameSink sink, Identity identity, String ipHash, String publicRoomId) {
    Connection connection =
        new Connection(
            sidFor(sink),
            new Outbox(sink, settings.outboxCapacity(), traffic),
            identity,
            ipHash,
            publicRoomId,
            new RateLimit(settings.rateLimitPerSecond(), settings.rateLimitBurst()));
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
            store.currentServerSeq(),
            Clock.systemUTC().millis(),
            identity.userId(),
            identity.authenticated()));
    return connection;
  }

  /**
   * Refuses a connection that was never opened: sends {@code error {code, message}} and closes it
   * with {@code closeCode} once that is out.
   */
  public void refuse(FrameSink sink, ErrorReply error, int closeCode) {
    Connection refused = new Connection(sink.id(), new Outbox(sink, settings.outboxCapacity()));
    replies.send(refused, EventTypes.ERROR, error);
    refused.close(closeCode, error.message());
  }

  public void close(Connection connection) {
    // first stop its outbox: the announcements below must not be sent to a closed session
    connection.outbox().close();
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
