package dev.roomcast.sockets.boundary;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.sockets.control.RequestDispatcher;
import dev.roomcast.transport.control.MessageAssembly;

/**
 * What a connection's socket receives, handled alike on {@code /ws} and {@code /public-room}: text
 * taken in parts, so no container holds an oversized message whole (B3); binary parts dropped as
 * they come, one coded answer per message; pongs and every part counted as a sign of life for
 * {@code PeerLiveness}. One per socket: it holds the connection once admitted (frames before that
 * are dropped) and the parts of the message being assembled.
 */
public final class InboundFrames {

  private final ConnectionLifecycle lifecycle;
  private final RequestDispatcher dispatcher;
  private final MessageAssembly incoming = new MessageAssembly();
  // set by the opening thread, read by the container's reading threads
  private volatile Connection connection;

  public InboundFrames(ConnectionLifecycle lifecycle, RequestDispatcher dispatcher) {
    this.lifecycle = lifecycle;
    this.dispatcher = dispatcher;
  }

  /** The socket's connection was admitted: its frames are handled from now on. */
  public void admitted(Connection admitted) {
    connection = admitted;
  }

  /** The socket's connection, null until admitted. */
  public Connection connection() {
    return connection;
  }

  /** A part of a text message; the whole message goes to the dispatcher, unless over 1 MiB. */
  public void text(String part, boolean last) {
    Connection open = connection;
    if (open == null) {
      return;
    }
    open.heard(System.currentTimeMillis());
    lifecycle.whileOpen(
        open,
        () ->
            incoming.add(
                part, last, frame -> dispatcher.handle(open, frame), () -> tooLarge(open)));
  }

  /** A part of a binary message: nothing is kept; the last part is answered with a code. */
  public void binary(boolean last) {
    Connection open = connection;
    if (open == null) {
      return;
    }
    open.heard(System.currentTimeMillis());
    if (last) {
      lifecycle.whileOpen(open, () -> dispatcher.refuseBinary(open));
    }
  }

  /** The answer to a transport ping: the peer is still there. */
  public void pong() {
    Connection open = connection;
    if (open != null) {
      open.heard(System.currentTimeMillis());
    }
  }

  private static void tooLarge(Connection open) {
    open.outbox().closeNow(CloseCodes.MESSAGE_TOO_BIG, "Frame too large");
  }
}
