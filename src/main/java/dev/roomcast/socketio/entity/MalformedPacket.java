package dev.roomcast.socketio.entity;

/**
 * A client's packet that is not Engine.IO v4 / Socket.IO v5, or not one it may send now: answered
 * with {@code error {code: INVALID_PACKET}} and close 4002 (docs/protocol.md, section 19).
 */
public class MalformedPacket extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedPacket(String message) {
    super(message);
  }
}
