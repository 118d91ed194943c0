package dev.roomcast.socketio.control;

import dev.roomcast.socketio.entity.InboundPacket;
import dev.roomcast.socketio.entity.InboundPacket.Kind;
import dev.roomcast.socketio.entity.MalformedPacket;

/**
 * Reads the header of a client's Engine.IO v4 text packet and of the Socket.IO v5 packet inside a
 * message: type, namespace, ack id; the JSON after it is left as text for whoever needs it. Only
 * what a client sends over WebSocket is accepted; anything else is a {@link MalformedPacket}.
 */
public final class PacketReader {

  // a JavaScript client's ack ids are counters; 15 digits stay exact in a double
  private static final int MAX_ACK_DIGITS = 15;

  private PacketReader() {}

  /** Reads one packet; throws {@link MalformedPacket} for anything a client may not send. */
  public static InboundPacket read(String text) {
    if (text.isEmpty()) {
      throw new MalformedPacket("Empty packet");
    }
    switch (text.charAt(0)) {
      case '3':
        return new InboundPacket(Kind.PONG, "/", null, null);
      case '1':
        return new InboundPacket(Kind.CLOSE, "/", null, null);
      case '5':
      case '6':
        return new InboundPacket(Kind.NOOP, "/", null, null);
      case '4':
        return message(text);
      default:
        throw new MalformedPacket("Unknown Engine.IO packet type " + brief(text));
    }
  }

  private static InboundPacket message(String text) {
    if (text.length() < 2) {
      throw new MalformedPacket("Message without a Socket.IO packet");
    }
    Kind kind =
        switch (text.charAt(1)) {
          case '0' -> Kind.CONNECT;
          case '1' -> Kind.DISCONNECT;
          case '2' -> Kind.EVENT;
          case '3' -> Kind.ACK;
          case '5', '6' -> Kind.BINARY;
          default -> throw new MalformedPacket("Unknown Socket.IO packet type " + brief(text));
        };
    int at = 2;
    String namespace = "/";
    if (kind == Kind.BINARY) {
      // the attachment count comes first; the packet is refused whole, so it is not read
      return new InboundPacket(kind, namespace, null, null);
    }
    if (at < text.length() && text.charAt(at) == '/') {
      int comma = text.indexOf(',', at);
      namespace = comma < 0 ? text.substring(at) : text.substring(at, comma);
      at = comma < 0 ? text.length() : comma + 1;
    }
    int digits = at;
    while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
      digits++;
    }
    Long ackId = null;
    if (digits > at) {
      if (digits - at > MAX_ACK_DIGITS) {
        throw new MalformedPacket("Ack id too long");
      }
      ackId = Long.parseLong(text.substring(at, digits));
      at = digits;
    }
    String payload = at < text.length() ? text.substring(at) : null;
    switch (kind) {
      case EVENT, ACK -> {
        if (payload == null || payload.charAt(0) != '[') {
          throw new MalformedPacket("An event or ack carries a JSON array");
        }
        if (kind == Kind.ACK && ackId == null) {
          throw new MalformedPacket("An ack without its id");
        }
      }
      case CONNECT -> {
        if (ackId != null || (payload != null && payload.charAt(0) != '{')) {
          throw new MalformedPacket("CONNECT carries at most an auth object");
        }
      }
      case DISCONNECT -> {
        if (ackId != null || payload != null) {
          throw new MalformedPacket("DISCONNECT carries nothing");
        }
      }
      default -> throw new IllegalStateException("unexpected " + kind);
    }
    return new InboundPacket(kind, namespace, ackId, payload);
  }

  private static String brief(String text) {
    return text.length() <= 20 ? "'" + text + "'" : "'" + text.substring(0, 20) + "...'";
  }
}
