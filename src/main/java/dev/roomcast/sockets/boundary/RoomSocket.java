package dev.roomcast.sockets.boundary;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.IncidentLog;
import dev.roomcast.handshake.boundary.SocketHandshake;
import dev.roomcast.handshake.control.Admission;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.presence.control.MembershipRequests;
import dev.roomcast.sockets.control.RequestDispatcher;
import dev.roomcast.transport.control.FrameLimits;
import dev.roomcast.transport.control.SessionSink;
import dev.roomcast.transport.control.TyrusFastPath;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one socket a client holds ({@code /ws}): rooms are joined and left over it (F0.1). Thin: the
 * handshake goes to {@link Admission} ({@code ?token=} F3.1, {@code ?jobId=}/{@code ?serverId=}
 * F1.1), frames to the dispatcher (binary ones are refused: the protocol is JSON text), the close
 * to the sink, which tells {@link ConnectionLifecycle}.
 */
@ServerEndpoint(value = "/ws", configurator = SocketHandshake.class)
public class RoomSocket {

  private static final Logger LOG = Logger.getLogger(RoomSocket.class.getName());

  @Inject Admission admission;
  @Inject ConnectionLifecycle lifecycle;
  @Inject RequestDispatcher dispatcher;
  @Inject MembershipRequests membership;
  @Inject @Managed ScheduledExecutorService executor;
  @Inject Settings settings;
  @Inject TyrusFastPath fastPath;

  @Inject IncidentLog incidents;

  // per connection: the container creates one endpoint instance for each; its callbacks may run
  // on different threads (a close may arrive while the opening or a request is still running)
  private volatile SessionSink sink;
  private volatile InboundFrames frames;

  @OnOpen
  public void open(Session session) {
    frames = new InboundFrames(lifecycle, dispatcher);
    try {
      session.setMaxIdleTimeout(settings.sessionIdleTimeout().toMillis());
      SessionSink opened = new SessionSink(session, executor, fastPath);
      sink = opened;
      List<String> token = session.getRequestParameterMap().get("token");
      Connection admitted =
          admission
              .admit(
                  opened,
                  token == null || token.isEmpty() ? null : token.get(0),
                  session.getRequestParameterMap())
              .orElse(null);
      if (admitted == null) {
        return;
      }
      try {
        List<String> resume = session.getRequestParameterMap().get("resume");
        if (resume != null && !resume.isEmpty()) {
          membership.resumeAtHandshake(admitted, resume.get(0));
        }
      } finally {
        frames.admitted(admitted);
        lifecycle.opened(admitted);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "opening session " + session.getId() + " failed", e);
      throw e;
    }
  }

  // text in parts, binary dropped as it comes, pongs as signs of life: see InboundFrames
  @OnMessage(maxMessageSize = FrameLimits.HARD_LIMIT)
  public void message(String part, boolean last) {
    frames.text(part, last);
  }

  @OnMessage(maxMessageSize = FrameLimits.HARD_LIMIT)
  public void binary(ByteBuffer part, boolean last) {
    frames.binary(last);
  }

  @OnMessage
  public void pong(PongMessage pong) {
    frames.pong();
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    SessionSink gone = sink;
    if (gone != null) {
      gone.gone();
    }
  }

  @OnError
  public void error(Session session, Throwable failure) {
    InboundFrames received = frames; // null if the opening never began
    incidents.socketFailed(
        LOG,
        "session " + session.getId(),
        received == null ? null : received.connection(),
        failure);
  }
}
