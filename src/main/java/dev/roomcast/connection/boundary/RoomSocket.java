package dev.roomcast.connection.boundary;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.protocol.control.RequestDispatcher;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one socket a client holds ({@code /ws}): rooms are joined and left over it (F0.1). Thin: it
 * hands frames to the dispatcher and lifecycle events to {@link ConnectionLifecycle}.
 */
@ServerEndpoint("/ws")
public class RoomSocket {

  private static final Logger LOG = Logger.getLogger(RoomSocket.class.getName());

  @Inject ConnectionLifecycle lifecycle;
  @Inject RequestDispatcher dispatcher;
  @Inject @Managed ScheduledExecutorService executor;
  @Inject Settings settings;
  @Inject TyrusFastPath fastPath;

  // per connection: the container creates one endpoint instance for each
  private Connection connection;

  @OnOpen
  public void open(Session session) {
    try {
      session.setMaxIdleTimeout(settings.sessionIdleTimeout().toMillis());
      connection = lifecycle.open(new SessionSink(session, executor, fastPath));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "opening session " + session.getId() + " failed", e);
      throw e;
    }
  }

  @OnMessage
  public void message(String frame) {
    dispatcher.handle(connection, frame);
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    if (connection != null) {
      lifecycle.close(connection);
    }
  }

  @OnError
  public void error(Session session, Throwable failure) {
    LOG.log(Level.INFO, "session " + session.getId() + " failed: " + failure);
  }
}
