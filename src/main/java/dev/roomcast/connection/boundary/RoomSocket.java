package dev.roomcast.connection.boundary;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
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
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one socket a client holds ({@code /ws}): rooms are joined and left over it (F0.1). Thin: the
 * handshake goes to {@link Admission} ({@code ?token=} F3.1, {@code ?jobId=}/{@code ?serverId=}
 * F1.1), frames to the dispatcher, the close to {@link ConnectionLifecycle}.
 */
@ServerEndpoint(value = "/ws", configurator = OriginCheck.class)
public class RoomSocket {

  private static final Logger LOG = Logger.getLogger(RoomSocket.class.getName());

  @Inject Admission admission;
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
      List<String> token = session.getRequestParameterMap().get("token");
      connection =
          admission
              .admit(
                  new SessionSink(session, executor, fastPath),
                  token == null || token.isEmpty() ? null : token.get(0),
                  session.getRequestParameterMap())
              .orElse(null);
      List<String> resume = session.getRequestParameterMap().get("resume");
      if (connection != null && resume != null && !resume.isEmpty()) {
        dispatcher.resumeAtHandshake(connection, resume.get(0));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "opening session " + session.getId() + " failed", e);
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
    LOG.log(Level.INFO, "session " + session.getId() + " failed: " + failure);
  }
}
