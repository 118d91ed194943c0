package dev.roomcast.socketio.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.protocol.entity.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link FrameSink} of a Socket.IO connection: it sits between the connection's outbox and the
 * WebSocket session's sink and writes each envelope in Socket.IO's form, which every message builds
 * once for all Socket.IO members ({@link OutboundFrame#variant}); the transport ping becomes
 * Engine.IO's {@code 2}. The outbox, its bound, its one-send-at-a-time rule and its ping accounting
 * stay exactly as on {@code /ws}.
 *
 * <p>Until CONNECT is answered ({@code connection_status}), an {@code error} envelope is the
 * CONNECT_ERROR {@code 44{message, data: {code}}}: the refusal of the handshake.
 */
public class SocketIoSink implements FrameSink {

  private final FrameSink session;
  private volatile boolean connected;
  private volatile long lastPingMillis = System.currentTimeMillis();
  private volatile Connection connection;
  private volatile String namespace = "/";
  private final long openedAtMillis = System.currentTimeMillis();

  public SocketIoSink(FrameSink session) {
    this.session = session;
  }

  @Override
  public String id() {
    return session.id();
  }

  @Override
  public int batchLimit() {
    return session.batchLimit();
  }

  /** The namespace the client connects to; {@code /} unless it is a public room's. */
  public void namespace(String connecting) {
    namespace = connecting;
  }

  /** The connection admitted on this socket, once CONNECT succeeded. */
  public void admitted(Connection admitted) {
    connection = admitted;
  }

  /** The connection on this socket, or null before CONNECT succeeded. */
  public Connection connection() {
    return connection;
  }

  /** When the socket or polling session opened. */
  public long openedAtMillis() {
    return openedAtMillis;
  }

  /** When the last Engine.IO ping was handed to the socket. */
  public long lastPingMillis() {
    return lastPingMillis;
  }

  @Override
  public void send(List<OutboundFrame> frames, Consumer<Throwable> done) {
    List<OutboundFrame> packets = new ArrayList<>(frames.size() + 1);
    for (OutboundFrame frame : frames) {
      if (frame.isPing()) {
        lastPingMillis = System.currentTimeMillis();
        packets.add(Rendering.PING);
        continue;
      }
      RenderedEvent rendered = frame.variant(Rendering::render).in(namespace);
      if (!connected && rendered.refusal() != null) {
        packets.add(rendered.refusal());
        continue;
      }
      if (rendered.type().equals(EventTypes.CONNECTION_STATUS)) {
        connected = true;
      }
      packets.addAll(rendered.packets());
    }
    PacketRuns.send(session, packets, done);
  }

  /**
   * Closes the socket. A close the client must not answer by reconnecting (a kick, a malformed
   * packet, a normal end such as seed 004's {@code leave-room}) is preceded by Socket.IO's
   * DISCONNECT {@code 41}, which Socket.IO clients honour; the others (a drain, a slow consumer, a
   * lost peer) leave the client to reconnect and resume.
   */
  @Override
  public void close(int code, String reason) {
    if (connected
        && (code == CloseCodes.KICKED
            || code == CloseCodes.MALFORMED_PACKET
            || code == CloseCodes.NORMAL)) {
      OutboundFrame disconnect =
          "/".equals(namespace)
              ? Rendering.DISCONNECT
              : Rendering.inNamespace(Rendering.DISCONNECT, namespace);
      session.send(List.of(disconnect), failure -> session.close(code, reason));
      return;
    }
    session.close(code, reason);
  }

  @Override
  public void whenGone(Runnable gone) {
    session.whenGone(gone);
  }
}
