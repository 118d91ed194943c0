package dev.roomcast.connection.control;

import dev.roomcast.cluster.control.NodeIdentity;
import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.entity.Disconnected;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.state.control.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opening and closing connections: registers a new one and greets it with {@code connection_status}
 * (F2.1); on close takes it out of every room and announces {@link Disconnected} so its locks and
 * presenter role are released.
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
  @Inject Event<Disconnected> disconnected;

  public Connection open(FrameSink sink) {
    Connection connection =
        new Connection(
            node.sidFor(sink.id()), new Outbox(sink, settings.outboxCapacity(), traffic));
    sessions.add(connection);
    replies.send(
        connection,
        EventTypes.CONNECTION_STATUS,
        new ServerPayload.ConnectionStatus(
            "connected", connection.sid(), store.currentServerSeq(), Clock.systemUTC().millis()));
    return connection;
  }

  public void close(Connection connection) {
    connection.outbox().close();
    rooms.leaveAll(connection);
    sessions.remove(connection);
    try {
      disconnected.fire(new Disconnected(connection.sid()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cleaning up after session " + connection.sid() + " failed", e);
    }
  }
}
