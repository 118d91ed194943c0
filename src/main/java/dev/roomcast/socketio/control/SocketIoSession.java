package dev.roomcast.socketio.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.ErrorReply;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.handshake.control.Admission;
import dev.roomcast.presence.control.MembershipRequests;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.socketio.entity.InboundPacket;
import dev.roomcast.socketio.entity.MalformedPacket;
import dev.roomcast.sockets.control.RequestDispatcher;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * One Socket.IO client's conversation over its WebSocket (docs/protocol.md, section 19): CONNECT is
 * the handshake ({@link Admission}, as {@code /ws}'s upgrade), events go to the same {@link
 * RequestDispatcher} as {@code /ws} frames, and whatever the connection is sent goes through its
 * outbox and the {@link SocketIoSink}. One per socket; the container delivers its messages one at a
 * time.
 */
public final class SocketIoSession {

  private final SocketIoSink sink;
  private final Map<String, List<String>> query;
  private final Admission admission;
  private final ConnectionLifecycle lifecycle;
  private final RequestDispatcher dispatcher;
  private final MembershipRequests membership;
  private final Replies replies;
  private final SocketIoSessions sessions;
  private final String clientAddress;
  private volatile Connection connection;
  private volatile String namespace = "/";

  public SocketIoSession(
      SocketIoSink sink,
      Map<String, List<String>> query,
      Admission admission,
      ConnectionLifecycle lifecycle,
      RequestDispatcher dispatcher,
      MembershipRequests membership,
      Replies replies,
      SocketIoSessions sessions,
      String clientAddress) {
    this.sink = sink;
    this.query = query;
    this.admission = admission;
    this.lifecycle = lifecycle;
    this.dispatcher = dispatcher;
    this.membership = membership;
    this.replies = replies;
    this.sessions = sessions;
    this.clientAddress = clientAddress;
  }

  /** The admitted connection, or null before CONNECT (or after a refused one). */
  public Connection connection() {
    return connection;
  }

  /** Some part of a message arrived, a pong's included: the peer is there. */
  public void heard() {
    Connection open = connection;
    if (open != null) {
      open.heard(System.currentTimeMillis());
    }
  }

  /** One whole text message from the client: one Engine.IO packet. */
  public void packet(String text) {
    try {
      handle(PacketReader.read(text));
    } catch (MalformedPacket e) {
      malformed(e.getMessage());
    }
  }

  /** A binary message: attachments are not part of this protocol. */
  public void binary() {
    Connection open = connection;
    if (open == null) {
      malformed("Binary data before CONNECT");
      return;
    }
    lifecycle.whileOpen(open, () -> dispatcher.refuseBinary(open));
  }

  private void handle(InboundPacket packet) {
    Connection open = connection;
    switch (packet.kind()) {
      case PONG, NOOP -> {
        // a sign of life, counted by heard() as every part is
      }
      case CLOSE, DISCONNECT -> {
        if (open == null) {
          sink.close(CloseCodes.NORMAL, "Client disconnected");
        } else {
          open.close(CloseCodes.NORMAL, "Client disconnected");
        }
      }
      case CONNECT -> connect(packet);
      case EVENT -> {
        requireConnected(open, packet);
        String envelope = EventTranslation.envelope(packet);
        lifecycle.whileOpen(open, () -> dispatcher.handle(open, envelope));
      }
      case ACK -> {
        requireConnected(open, packet);
        // the answer to the idle check's ping, the one event sent with an ack id (F4.3)
        open.inbound(System.currentTimeMillis());
      }
      case BINARY -> {
        requireConnected(open, packet);
        lifecycle.whileOpen(open, () -> dispatcher.refuseBinary(open));
      }
    }
  }

  private void requireConnected(Connection open, InboundPacket packet) {
    if (open == null) {
      throw new MalformedPacket(packet.kind() + " before CONNECT");
    }
    if (!namespace.equals(packet.namespace())) {
      throw new MalformedPacket("Namespace " + packet.namespace() + " is not connected");
    }
  }

  private void connect(InboundPacket packet) {
    if (connection != null) {
      throw new MalformedPacket("CONNECT on a connected socket");
    }
    String publicRoom = publicRoomOf(packet.namespace());
    if (!"/".equals(packet.namespace()) && publicRoom == null) {
      throw new MalformedPacket(
          "Namespace " + packet.namespace() + " is not served: / or /public-room/<roomId>");
    }
    JsonObject auth = EventTranslation.auth(packet);
    namespace = packet.namespace();
    sink.namespace(namespace);
    Connection admitted;
    if (publicRoom != null) {
      // seed 004: io(url + "/public-room/" + roomId) is the public room's socket (F4.1)
      admitted = admission.admitPublic(sink, publicRoom, clientAddress).orElse(null);
    } else {
      String token =
          auth.get("token") instanceof JsonString given ? given.getString() : first("token");
      admitted = admission.admit(sink, token, query).orElse(null);
    }
    if (admitted == null) {
      // refused: the sink turned the error into CONNECT_ERROR, and the socket closes
      return;
    }
    try {
      String resume = publicRoom == null ? resume(auth) : null;
      if (resume != null) {
        membership.resumeAtHandshake(admitted, resume);
      }
    } finally {
      sink.admitted(admitted);
      connection = admitted;
      sessions.add(sink);
      sink.whenGone(() -> sessions.remove(sink));
      lifecycle.opened(admitted);
    }
  }

  /** The room id of a public room's namespace {@code /public-room/<roomId>}, else null. */
  private static String publicRoomOf(String namespace) {
    String prefix = "/public-room/";
    return namespace.startsWith(prefix) && namespace.length() > prefix.length()
        ? namespace.substring(prefix.length())
        : null;
  }

  /** Where a reconnecting client stands: {@code auth.resume}, else the {@code resume} query. */
  private String resume(JsonObject auth) {
    JsonValue resume = auth.get("resume");
    if (resume != null && resume.getValueType() == JsonValue.ValueType.OBJECT) {
      return resume.toString();
    }
    if (resume instanceof JsonString text) {
      return text.getString();
    }
    return first("resume");
  }

  private String first(String parameter) {
    List<String> values = query.get(parameter);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A packet no Socket.IO client sends: a coded error, then close 4002. */
  private void malformed(String message) {
    Connection open = connection;
    ErrorReply error = new ErrorReply(ErrorCode.INVALID_PACKET, message, null);
    if (open == null) {
      lifecycle.refuse(sink, error, CloseCodes.MALFORMED_PACKET);
      return;
    }
    replies.send(open, EventTypes.ERROR, error);
    open.close(CloseCodes.MALFORMED_PACKET, "Malformed Socket.IO packet");
  }
}
