package dev.roomcast.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.roomcast.connection.control.OutboundFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboundFrameTest {

  @Test
  void lengthsAtEveryEncodingBoundaryDecodeBack_B2() {
    for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
      String text = "x".repeat(length);
      assertEquals(text, decode(new OutboundFrame(text).wire()), "payload of " + length);
    }
  }

  @Test
  void headerUsesTheShortestLengthForm_B2() {
    assertEquals(2 + 125, new OutboundFrame("a".repeat(125)).wire().length);
    assertEquals(4 + 126, new OutboundFrame("a".repeat(126)).wire().length);
    assertEquals(4 + 65_535, new OutboundFrame("a".repeat(65_535)).wire().length);
    assertEquals(10 + 65_536, new OutboundFrame("a".repeat(65_536)).wire().length);
  }

  @Test
  void multiByteTextIsCountedInUtf8Bytes_B2() {
    String text = "{\"msg\":\"Grüße, 世界 🚀\"}";
    byte[] wire = new OutboundFrame(text).wire();
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(utf8.length, wire[1]);
    assertEquals(text, decode(wire));
  }

  @Test
  void finTextOpcodeAndNoMask_B2() {
    byte[] wire = new OutboundFrame("{}").wire();
    assertEquals((byte) 0x81, wire[0], "FIN + text opcode");
    assertEquals(0, wire[1] & 0x80, "a server never masks");
    assertArrayEquals(new byte[] {(byte) 0x81, 2, '{', '}'}, wire);
  }

  @Test
  void builtOnceAndShared_B2() {
    OutboundFrame frame = new OutboundFrame("{\"a\":1}");
    assertSame(frame.wire(), frame.wire());
  }

  /** A minimal RFC 6455 reader for one unmasked, unfragmented text frame. */
  private static String decode(byte[] wire) {
    ByteBuffer in = ByteBuffer.wrap(wire);
    assertEquals((byte) 0x81, in.get());
    int first = in.get() & 0x7F;
    long length = first <= 125 ? first : first == 126 ? in.getShort() & 0xFFFF : in.getLong();
    assertEquals(in.remaining(), length, "declared length matches the payload");
    byte[] payload = new byte[(int) length];
    in.get(payload);
    return new String(payload, StandardCharsets.UTF_8);
  }
}
