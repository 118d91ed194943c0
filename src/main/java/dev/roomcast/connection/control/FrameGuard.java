package dev.roomcast.connection.control;

/**
 * Checks the headers of a client's frames (RFC 6455 section 5.2) as their bytes arrive, before the
 * container buffers a frame: a frame that announces more than the hard limit, or breaks the
 * protocol, is refused at its header, so no memory is spent on it. Payloads are counted, never
 * read. One instance per connection, fed by one reading thread at a time.
 *
 * <p>Refused: an unmasked frame (clients must mask), reserved bits set without an extension that
 * defines them, a reserved opcode, a fragmented or longer than 125 bytes control frame, a 64-bit
 * length with its most significant bit set (1002 Protocol Error), and a frame or fragmented message
 * longer than the limit (1009 Message Too Big).
 */
public final class FrameGuard {

  /** A refused frame: the close code and reason the connection ends with. */
  public record Violation(int closeCode, String reason) {}

  /** RFC 6455 close code: the peer broke the protocol. */
  public static final int PROTOCOL_ERROR = 1002;

  /** RFC 6455 close code: a message too big to process. */
  public static final int TOO_BIG = 1009;

  private static final int MAX_HEADER = 14;

  private final long maxPayload;
  private final boolean extensionBits;
  private final byte[] header = new byte[MAX_HEADER];
  private int headerLength;
  private long payloadLeft;
  // bytes of the fragmented message in progress, 0 when none is
  private long messageLength;
  private boolean inMessage;
  private Violation violation;

  /**
   * @param maxPayload the longest frame, and fragmented message, accepted
   * @param extensionBits whether an extension was negotiated that may set the reserved bits
   */
  public FrameGuard(long maxPayload, boolean extensionBits) {
    this.maxPayload = maxPayload;
    this.extensionBits = extensionBits;
  }

  /**
   * Inspects the next {@code length} bytes from the client.
   *
   * @return how many of them, from {@code offset} on, may go on to the container: all of them, or
   *     those before the refused frame's header; 0 once a frame was refused
   */
  public int inspect(byte[] bytes, int offset, int length) {
    if (violation != null) {
      return 0;
    }
    int at = offset;
    int end = offset + length;
    // where the header being read began; a header begun in an earlier chunk counts from offset
    int headerStart = offset;
    while (at < end) {
      if (payloadLeft > 0) {
        long skip = Math.min(payloadLeft, end - at);
        payloadLeft -= skip;
        at += (int) skip;
        continue;
      }
      if (headerLength == 0) {
        headerStart = at;
      }
      header[headerLength++] = bytes[at++];
      if (headerComplete()) {
        violation = check();
        if (violation != null) {
          return headerStart - offset;
        }
        payloadLeft = payloadLength();
        headerLength = 0;
      }
    }
    return length;
  }

  /** The refused frame's close code and reason, or null while every frame was acceptable. */
  public Violation violation() {
    return violation;
  }

  private boolean headerComplete() {
    if (headerLength < 2) {
      return false;
    }
    if ((header[1] & 0x80) == 0) {
      return true; // unmasked: refused as soon as its length byte is here
    }
    int lengthCode = header[1] & 0x7f;
    int extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
    return headerLength == 2 + extended + 4;
  }

  private Violation check() {
    int first = header[0] & 0xff;
    boolean fin = (first & 0x80) != 0;
    int opcode = first & 0x0f;
    if ((header[1] & 0x80) == 0) {
      return new Violation(PROTOCOL_ERROR, "Unmasked client frame");
    }
    if ((first & 0x70) != 0 && !extensionBits) {
      return new Violation(PROTOCOL_ERROR, "Reserved bits set");
    }
    boolean control = opcode >= 0x8;
    if (opcode > 0xA || (opcode > 0x2 && opcode < 0x8)) {
      return new Violation(PROTOCOL_ERROR, "Reserved opcode " + opcode);
    }
    int lengthCode = header[1] & 0x7f;
    if (control && (!fin || lengthCode > 125)) {
      return new Violation(PROTOCOL_ERROR, "Invalid control frame");
    }
    if (lengthCode == 127 && (header[2] & 0x80) != 0) {
      return new Violation(PROTOCOL_ERROR, "Invalid frame length");
    }
    long length = payloadLength();
    if (length > maxPayload) {
      return new Violation(TOO_BIG, "Frame larger than " + maxPayload + " bytes");
    }
    if (!control) {
      messageLength = (opcode == 0 && inMessage ? messageLength : 0) + length;
      inMessage = !fin;
      if (messageLength > maxPayload) {
        return new Violation(TOO_BIG, "Message larger than " + maxPayload + " bytes");
      }
    }
    return null;
  }

  private long payloadLength() {
    int lengthCode = header[1] & 0x7f;
    if (lengthCode < 126) {
      return lengthCode;
    }
    if (lengthCode == 126) {
      return ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
    }
    long length = 0;
    for (int i = 2; i < 10; i++) {
      length = (length << 8) | (header[i] & 0xffL);
    }
    return length;
  }
}
