package dev.roomcast.publicrooms.boundary;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.boundary.FrameLimits;
import dev.roomcast.connection.boundary.SessionSink;
import dev.roomcast.connection.boundary.TyrusFastPath;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.handshake.boundary.ClientAddress;
import dev.roomcast.handshake.boundary.OriginCheck;
import dev.roomcast.handshake.control.Admission;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.protocol.control.RequestDispatcher;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One public room's socket ({@code /public-room/{roomId}}, F4.1): anonymous, limited per client
 * address (F4.2), isolated to {@code room:<roomId>}; speaks seed 004's {@code join-room}, {@code
 * leave-room} and {@code pong}, with errors as {@code error {code, message}} (F4.5).
 */
@ServerEndpoint(value = "/public-room/{roomId}", configurator = OriginCheck.class)
public class PublicRoomSocket {

  private static final Logger LOG = Logger.getLogger(PublicRoomSocket.class.getName());

  @Inject Admission admission;
  @Inject ConnectionLifecycle lifecycle;
  @Inject RequestDispatcher dispatcher;
  @Inject @Managed ScheduledExecutorService executor;
  @Inject Settings settings;
  @Inject TyrusFastPath fastPath;

  // per connection: the container creates one endpoint instance for each
  private Connection connection;

  @OnOpen
  public void open(Session session, @PathParam("roomId") String roomId) {
    try {
      session.setMaxIdleTimeout(settings.sessionIdleTimeout().toMillis());
      connection =
          admission
              .admitPublic(
                  new SessionSink(session, executor, fastPath), roomId, ClientAddress.of(session))
              .orElse(null);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "opening public session " + session.getId() + " failed", e);
      throw e;
    }
  }

  @OnMessage(maxMessageSize = FrameLimits.HARD_LIMIT)
  public void message(String frame) {
    if (connection != null) {
      dispatcher.handle(connection, frame);
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    if (connection != null) {
      lifecycle.close(connection);
    }
  }

  @OnError
  public void error(Session session, Throwable failure) {
    LOG.log(Level.INFO, "public session " + session.getId() + " failed: " + failure);
  }
}
