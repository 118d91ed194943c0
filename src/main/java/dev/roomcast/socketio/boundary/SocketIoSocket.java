package dev.roomcast.socketio.boundary;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.IncidentLog;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.handshake.boundary.ClientAddress;
import dev.roomcast.handshake.boundary.SocketHandshake;
import dev.roomcast.handshake.control.Admission;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.presence.control.MembershipRequests;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.socketio.control.OpenPacket;
import dev.roomcast.socketio.control.PollingSession;
import dev.roomcast.socketio.control.PollingSessions;
import dev.roomcast.socketio.control.SocketIoSession;
import dev.roomcast.socketio.control.SocketIoSessions;
import dev.roomcast.socketio.control.SocketIoSink;
import dev.roomcast.sockets.control.RequestDispatcher;
import dev.roomcast.transport.control.FrameLimits;
import dev.roomcast.transport.control.MessageAssembly;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Socket.IO clients ({@code /socket.io/?EIO=4&transport=websocket}, B9): Engine.IO v4 and Socket.IO
 * v5 over WebSocket, in front of the same connections, rooms, outboxes, limits and authentication
 * as {@code /ws} (docs/protocol.md, section 19). The open packet goes out at once; CONNECT is the
 * handshake; the rest is {@link SocketIoSession}'s.
 */
@ServerEndpoint(value = "/socket.io/", configurator = SocketHandshake.class)
public class SocketIoSocket {

  private static final Logger LOG = Logger.getLogger(SocketIoSocket.class.getName());

  @Inject Admission admission;
  @Inject ConnectionLifecycle lifecycle;
  @Inject RequestDispatcher dispatcher;
  @Inject MembershipRequests membership;
  @Inject Replies replies;
  @Inject SocketIoSessions sessions;
  @Inject PollingSessions polling;
  @Inject @Managed ScheduledExecutorService executor;
  @Inject Settings settings;
  @Inject TyrusFastPath fastPath;
  @Inject IncidentLog incidents;

  // per connection, as on /ws: one endpoint instance each, callbacks on any thread
  private volatile SessionSink sink;
  private volatile SocketIoSession conversation;
  // a long-polling session moving to this socket: set from the open until its upgrade packet
  private volatile PollingSession upgrading;
  private final MessageAssembly incoming = new MessageAssembly();

  @OnOpen
  public void open(Session session) throws IOException {
    List<String> version = session.getRequestParameterMap().get("EIO");
    if (version == null || !version.contains("4")) {
      // an Engine.IO 3 client (socket.io-client 2.x) would misread everything that follows
      session.close(
          new CloseReason(
              CloseReason.CloseCodes.getCloseCode(CloseCodes.MALFORMED_PACKET),
              "Engine.IO v4 (EIO=4) only"));
      return;
    }
    try {
      session.setMaxIdleTimeout(settings.sessionIdleTimeout().toMillis());
      SessionSink opened = new SessionSink(session, executor, fastPath);
      sink = opened;
      List<String> sid = session.getRequestParameterMap().get("sid");
      if (sid != null && !sid.isEmpty()) {
        // one upgrade per session: a second socket naming the sid cannot take its traffic over
        upgrading =
            polling
                .find(sid.get(0))
                .filter(found -> found.transport().upgradedTo() == null)
                .orElse(null);
        if (upgrading == null) {
          opened.close(CloseCodes.MALFORMED_PACKET, "Session ID unknown");
        }
        return;
      }
      SocketIoSink translating = new SocketIoSink(opened);
      sessions.awaitConnect(translating);
      // nothing else writes before the client answers it, so a plain blocking send is safe here
      session.getBasicRemote().sendText(OpenPacket.of(session.getId(), settings));
      conversation =
          new SocketIoSession(
              translating,
              session.getRequestParameterMap(),
              admission,
              lifecycle,
              dispatcher,
              membership,
              replies,
              sessions,
              ClientAddress.of(session));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "opening Socket.IO session " + session.getId() + " failed", e);
      throw e;
    }
  }

  @OnMessage(maxMessageSize = FrameLimits.HARD_LIMIT)
  public void message(Session session, String part, boolean last) throws IOException {
    PollingSession moving = upgrading;
    if (moving != null) {
      upgrade(session, moving, part);
      return;
    }
    SocketIoSession open = conversation;
    if (open == null) {
      return;
    }
    open.heard();
    incoming.add(part, last, open::packet, () -> tooLarge(open.connection()));
  }

  @OnMessage(maxMessageSize = FrameLimits.HARD_LIMIT)
  public void binary(ByteBuffer part, boolean last) {
    SocketIoSession open = conversation;
    if (open != null) {
      open.heard();
      if (last) {
        open.binary();
      }
    }
  }

  @OnMessage
  public void pong(PongMessage pong) {
    SocketIoSession open = conversation;
    if (open != null) {
      open.heard();
    }
  }

  /**
   * Engine.IO's upgrade from long-polling: the client probes ({@code 2probe}, answered {@code
   * 3probe}), then sends {@code 5}, from which on the session's packets go both ways over this
   * socket (docs/protocol.md, section 19).
   */
  private void upgrade(Session session, PollingSession moving, String packet) throws IOException {
    moving.conversation().heard();
    if ("2probe".equals(packet)) {
      // nothing else writes to this socket before the upgrade: a blocking send is safe
      session.getBasicRemote().sendText("3probe");
    } else if ("5".equals(packet)) {
      upgrading = null;
      if (moving.transport().upgrade(sink)) {
        conversation = moving.conversation();
      } else {
        sink.close(CloseCodes.MALFORMED_PACKET, "Session ID unknown");
      }
    } else {
      sink.close(CloseCodes.MALFORMED_PACKET, "Expected 2probe or 5 while upgrading");
    }
  }

  private void tooLarge(Connection connected) {
    if (connected != null) {
      connected.outbox().closeNow(CloseCodes.MESSAGE_TOO_BIG, "Frame too large");
    } else {
      sink.close(CloseCodes.MESSAGE_TOO_BIG, "Frame too large");
    }
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
    SocketIoSession open = conversation;
    incidents.socketFailed(
        LOG,
        "Socket.IO session " + session.getId(),
        open == null ? null : open.connection(),
        failure);
  }
}
