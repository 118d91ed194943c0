package dev.roomcast.socketio.entity;

/**
 * One Engine.IO v4 packet a client sent over WebSocket, with the Socket.IO v5 packet it carries if
 * it is a message ({@code 4}).
 *
 * @param kind what the packet is
 * @param namespace the Socket.IO namespace, {@code /} when the packet names none
 * @param ackId the acknowledgement id of an event or an ack, else null
 * @param payload the JSON after the header (CONNECT's auth object, an event's or ack's array), or
 *     null when there is none
 */
public record InboundPacket(Kind kind, String namespace, Long ackId, String payload) {

  /** The packets a WebSocket client may send. */
  public enum Kind {
    /** Engine.IO {@code 3}: the answer to the server's ping. */
    PONG,
    /** Engine.IO {@code 1}: the client closes the transport. */
    CLOSE,
    /** Engine.IO {@code 6} (noop) or {@code 5} (upgrade, meaningful only after polling). */
    NOOP,
    /** Socket.IO {@code 0}: CONNECT to a namespace, optionally with an auth object. */
    CONNECT,
    /** Socket.IO {@code 1}: DISCONNECT from the namespace. */
    DISCONNECT,
    /** Socket.IO {@code 2}: EVENT {@code [name, ...args]}. */
    EVENT,
    /** Socket.IO {@code 3}: ACK {@code [...args]} of an event the server sent with an id. */
    ACK,
    /** Socket.IO {@code 5}/{@code 6}: an event or ack with binary attachments. */
    BINARY
  }
}
