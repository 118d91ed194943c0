package dev.roomcast.connection.control;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A server message encoded once: its JSON text and, built on first use, the complete WebSocket
 * frame that carries it, shared by every connection the message goes to.
 *
 * <p>Why: a broadcast to a thousand members would otherwise UTF-8-encode the same text and build
 * the same frame header a thousand times inside the container; profiles showed that as the largest
 * share of a broadcast's CPU.
 */
public final class OutboundFrame {

  private static final int FIN_TEXT = 0x81;

  /**
   * A WebSocket ping control frame without payload: a probe that a live client answers with a pong
   * on its own. It goes through a connection's outbox like any frame, so it never interleaves with
   * a message being written.
   */
  public static final OutboundFrame PING = new OutboundFrame("", new byte[] {(byte) 0x89, 0});

  private final String text;
  // two threads may build it at once; both build equal arrays, so the race is harmless
  private volatile byte[] wire;
  // the message in another client protocol's form (Socket.IO's), built by the first connection
  // that speaks it; /ws connections never touch it
  private volatile Object variant;

  public OutboundFrame(String text) {
    this.text = text;
  }

  private OutboundFrame(String text, byte[] wire) {
    this.text = text;
    this.wire = wire;
  }

  /** Whether this is the transport {@link #PING}, not a message. */
  public boolean isPing() {
    return this == PING;
  }

  /** The message as JSON text. */
  public String text() {
    return text;
  }

  /**
   * The whole frame as a server sends it (RFC 6455 section 5.2): FIN and the text opcode, the
   * payload length in 7, 16 or 64 bits, no mask, the UTF-8 payload. Shared: never modify it.
   */
  public byte[] wire() {
    byte[] built = wire;
    if (built == null) {
      built = frame(text.getBytes(StandardCharsets.UTF_8));
      wire = built;
    }
    return built;
  }

  /**
   * This message in another client protocol's form, built by {@code render} on first use and then
   * shared by every connection that speaks it, so a broadcast is translated once per event, not
   * once per member (Socket.IO, B9). One form per frame: every caller passes a renderer of the same
   * kind. Two threads may build it at once; both build equal forms, so the race is harmless.
   */
  @SuppressWarnings("unchecked")
  public <T> T variant(Function<OutboundFrame, T> render) {
    Object built = variant;
    if (built == null) {
      built = render.apply(this);
      variant = built;
    }
    return (T) built;
  }

  private static byte[] frame(byte[] payload) {
    int length = payload.length;
    int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
    byte[] frame = new byte[header + length];
    frame[0] = (byte) FIN_TEXT;
    if (length <= 125) {
      frame[1] = (byte) length;
    } else if (length <= 0xFFFF) {
      frame[1] = 126;
      frame[2] = (byte) (length >>> 8);
      frame[3] = (byte) length;
    } else {
      frame[1] = 127;
      long wide = length;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) (wide >>> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, header, length);
    return frame;
  }

  @Override
  public String toString() {
    return text;
  }
}
