package dev.roomcast.protocol.entity;

/**
 * The close codes roomcast sends itself (4000-4999, and RFC 6455's); docs/protocol.md lists them.
 */
public final class CloseCodes {
  /**
   * RFC 6455's "Message Too Big": a message longer than 1 MiB, closed before it is held whole (B3).
   */
  public static final int MESSAGE_TOO_BIG = 1009;

  /**
   * The handshake token is missing where required, forged, malformed, expired or revoked (F3.1,
   * F3.7).
   */
  public static final int UNAUTHORIZED = 4001;

  /** RFC 6455's Normal Closure: either side ended the connection on purpose. */
  public static final int NORMAL = 1000;

  /**
   * A {@code /socket.io/} client sent a packet that is not Engine.IO v4 / Socket.IO v5, or one out
   * of order (an event before its CONNECT), after {@code error {code: INVALID_PACKET}}.
   */
  public static final int MALFORMED_PACKET = 4002;

  /** A {@code /public-room/{roomId}} connection named no existing room (F4.1). */
  public static final int ROOM_NOT_FOUND = 4004;

  /**
   * The state store (Redis) cannot be reached, so the connection could not be served or its token
   * checked: try again later (RFC 6455's Try Again Later).
   */
  public static final int TRY_AGAIN_LATER = 1013;

  /** The client did not read fast enough and its outbound queue overflowed (B2). */
  public static final int SLOW_CONSUMER = 4008;

  /** The backend kicked the connection's user or revoked its token (F3.7). */
  public static final int KICKED = 4009;

  /** The client left unanswered the configured number of pings in a row (F4.3). */
  public static final int CONNECTION_TIMEOUT = 4010;

  /**
   * RFC 6455's "Going Away": the node is draining or shutting down (B6), after {@code
   * node:draining}; reconnect (to another node) and resume.
   */
  public static final int GOING_AWAY = 1001;

  /** The client's IP already has the allowed number of public-room connections (F4.2). */
  public static final int TOO_MANY_CONNECTIONS = 4029;

  /** The connection could not be set up (F4.5 CONNECTION_ERROR). */
  public static final int CONNECTION_ERROR = 4011;

  private CloseCodes() {}
}
