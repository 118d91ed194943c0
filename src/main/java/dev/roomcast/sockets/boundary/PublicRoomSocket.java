package dev.roomcast.sockets.boundary;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.IncidentLog;
import dev.roomcast.handshake.boundary.ClientAddress;
import dev.roomcast.handshake.boundary.SocketHandshake;
import dev.roomcast.handshake.control.Admission;
import dev.roomcast.platform.control.Managed;
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
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One public room's socket ({@code /public-room/{roomId}}, F4.1): anonymous, limited per client
 * address (F4.2), isolated to {@code room:<roomId>}; speaks seed 004's {@code join-room}, {@code
 * leave-room} and {@code pong}, with errors as {@code error {code, message}} (F4.5).
 */
@ServerEndpoint(value = "/public-room/{roomId}", configurator = SocketHandshake.class)
public class PublicRoomSocket {

  private static final Logger LOG = Logger.getLogger(PublicRoomSocket.class.getName());

  @Inject Admission admission;
  @Inject ConnectionLifecycle lifecycle;
  @Inject RequestDispatcher dispatcher;
  @Inject @Managed ScheduledExecutorService executor;
  @Inject Settings settings;
  @Inject TyrusFastPath fastPath;

  @Inject IncidentLog incidents;

  // per connection: the container creates one endpoint instance for each; its callbacks may run
  // on different threads (a close may arrive while the opening or a request is still running)
  private volatile SessionSink sink;
  private volatile InboundFrames frames;

  @OnOpen
  public void open(Session session, @PathParam("roomId") String roomId) {
    frames = new InboundFrames(lifecycle, dispatcher);
    try {
      session.setMaxIdleTimeout(settings.sessionIdleTimeout().toMillis());
      SessionSink opened = new SessionSink(session, executor, fastPath);
      sink = opened;
      Connection admitted =
          admission.admitPublic(opened, roomId, ClientAddress.of(session)).orElse(null);
      if (admitted != null) {
        frames.admitted(admitted);
        lifecycle.opened(admitted);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "opening public session " + session.getId() + " failed", e);
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
        "public session " + session.getId(),
        received == null ? null : received.connection(),
        failure);
  }
}
