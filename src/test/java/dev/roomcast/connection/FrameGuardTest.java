package dev.roomcast.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roomcast.connection.control.FrameGuard;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class FrameGuardTest {

  private static final int LIMIT = 1 << 20;

  @Test
  void maskedFramesUpToTheLimitPassWholeEvenSplitByteByByte_B3() {
    byte[] stream = concat(frame(0x81, 10, true), frame(0x81, 300, true), frame(0x82, LIMIT, true));
    FrameGuard whole = new FrameGuard(LIMIT, false);
    assertEquals(stream.length, whole.inspect(stream, 0, stream.length));
    FrameGuard split = new FrameGuard(LIMIT, false);
    for (int i = 0; i < stream.length; i++) {
      assertEquals(1, split.inspect(stream, i, 1));
    }
    assertNull(split.violation());
  }

  @Test
  void aFrameAnnouncingMoreThanTheLimitIsRefusedAtItsHeaderWith1009_B3() {
    byte[] first = frame(0x81, 5, true);
    byte[] stream = concat(first, header(0x81, 16L << 20, true));
    FrameGuard guard = new FrameGuard(LIMIT, false);
    assertEquals(first.length, guard.inspect(stream, 0, stream.length), "the good frame passes");
    assertEquals(1009, guard.violation().closeCode());
    assertEquals(0, guard.inspect(new byte[100], 0, 100), "nothing passes after a refusal");
  }

  @Test
  void aFragmentedMessageOverTheLimitIsRefusedWith1009_B3() {
    byte[] stream = concat(frame(0x01, LIMIT / 2, true), frame(0x00, LIMIT / 2, true));
    FrameGuard guard = new FrameGuard(LIMIT, false);
    guard.inspect(stream, 0, stream.length);
    assertNull(guard.violation(), "exactly the limit");
    byte[] more = header(0x80, 1, true);
    guard = new FrameGuard(LIMIT, false);
    guard.inspect(stream, 0, stream.length);
    guard.inspect(frame(0x00, 0, true), 0, 6);
    assertNull(guard.violation());
    guard.inspect(more, 0, more.length);
    assertEquals(1009, guard.violation().closeCode());
  }

  @Test
  void framingViolationsAreRefusedWith1002_B3() {
    assertEquals(1002, refusal(header(0x81, 5, false)), "unmasked");
    assertEquals(1002, refusal(header(0xC1, 5, true)), "RSV1 without an extension");
    assertEquals(1002, refusal(header(0x83, 5, true)), "reserved opcode");
    assertEquals(1002, refusal(header(0x8B, 5, true)), "reserved control opcode");
    assertEquals(1002, refusal(header(0x09, 5, true)), "fragmented ping");
    assertEquals(1002, refusal(header(0x89, 126, true)), "long ping");
    assertEquals(1002, refusal(header(0x81, Long.MIN_VALUE + 1, true)), "63rd bit set");
    assertEquals(1009, refusal(header(0x81, 1L << 62, true)), "legal but huge");
  }

  @Test
  void reservedBitsPassWhenAnExtensionUsesThem_B3() {
    byte[] compressed = frame(0xC1, 20, true);
    FrameGuard guard = new FrameGuard(LIMIT, true);
    assertEquals(compressed.length, guard.inspect(compressed, 0, compressed.length));
    assertNull(guard.violation());
  }

  private static int refusal(byte[] bytes) {
    FrameGuard guard = new FrameGuard(LIMIT, false);
    assertEquals(0, guard.inspect(bytes, 0, bytes.length));
    return guard.violation().closeCode();
  }

  private static byte[] frame(int first, int length, boolean masked) {
    return concat(header(first, length, masked), new byte[length]);
  }

  private static byte[] header(int first, long length, boolean masked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(first);
    int mask = masked ? 0x80 : 0;
    if (length >= 0 && length <= 125) {
      out.write(mask | (int) length);
    } else if (length >= 0 && length <= 0xFFFF) {
      out.write(mask | 126);
      out.write((int) (length >>> 8));
      out.write((int) length);
    } else {
      out.write(mask | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (length >>> (8 * i)));
      }
    }
    if (masked) {
      out.writeBytes(new byte[] {1, 2, 3, 4});
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
