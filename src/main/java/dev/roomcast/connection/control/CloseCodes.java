package dev.roomcast.connection.control;

/** The application close codes roomcast uses (4000-4999); docs/protocol.md lists them. */
public final class CloseCodes {
  /** The handshake token is missing where required, forged, malformed or expired (F3.1). */
  public static final int UNAUTHORIZED = 4001;

  /** A {@code /public-room/{roomId}} connection named no existing room (F4.1). */
  public static final int ROOM_NOT_FOUND = 4004;

  /** The client did not read fast enough and its outbound queue overflowed (B2). */
  public static final int SLOW_CONSUMER = 4008;

  /** The backend kicked the connection's user (F3.7). */
  public static final int KICKED = 4009;

  /** The client left unanswered the configured number of pings in a row (F4.3). */
  public static final int CONNECTION_TIMEOUT = 4010;

  /** The client's IP already has the allowed number of public-room connections (F4.2). */
  public static final int TOO_MANY_CONNECTIONS = 4029;

  /** The connection could not be set up (F4.5 CONNECTION_ERROR). */
  public static final int CONNECTION_ERROR = 4011;

  private CloseCodes() {}
}
