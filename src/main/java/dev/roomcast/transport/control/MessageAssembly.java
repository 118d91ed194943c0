package dev.roomcast.transport.control;

import java.util.function.Consumer;

/**
 * Puts one connection's incoming text messages together from the parts the container delivers,
 * holding at most {@link FrameLimits#HARD_LIMIT} bytes (B3). The endpoints take text in parts
 * ({@code @OnMessage(String, boolean)}) because that is the only portable way to bound it: WildFly
 * 39's Undertow ignores the size limit of a whole-message handler once a message spans more than
 * one network read (UNDERTOW-2770), so it handed 3 MB messages to the endpoint whole. Tyrus
 * (Payara) delivers each WebSocket frame as a part and closes frames above {@code maxMessageSize}
 * itself; Undertow delivers what each read brought. A message that outgrows the limit is reported
 * once and the rest of it is dropped as it arrives. Used by one container thread at a time.
 */
public final class MessageAssembly {

  private final long limit;
  private StringBuilder parts;
  private long bytes;
  private boolean dropping;

  public MessageAssembly() {
    this(FrameLimits.HARD_LIMIT);
  }

  MessageAssembly(long limit) {
    this.limit = limit;
  }

  /**
   * Takes the next part of the current message.
   *
   * @param whole gets the message when {@code part} completes one within the limit
   * @param tooLarge runs once when the message outgrows the limit; its later parts are dropped
   */
  public void add(String part, boolean last, Consumer<String> whole, Runnable tooLarge) {
    if (dropping) {
      dropping = !last;
      return;
    }
    bytes += utf8Length(part, limit - bytes);
    if (bytes > limit) {
      parts = null;
      bytes = 0;
      dropping = !last;
      tooLarge.run();
      return;
    }
    if (last) {
      String message = parts == null ? part : parts.append(part).toString();
      parts = null;
      bytes = 0;
      whole.accept(message);
    } else {
      if (parts == null) {
        parts = new StringBuilder(part.length() * 2);
      }
      parts.append(part);
    }
  }

  /** Whether a message is being held (its parts so far). */
  boolean holding() {
    return parts != null;
  }

  /** The UTF-8 length of {@code text}, counted only as far as needed to exceed {@code room}. */
  static long utf8Length(String text, long room) {
    if (text.length() > room) {
      return text.length(); // every char is at least one byte: already too long
    }
    long length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length++;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
