package dev.roomcast.transport.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessageAssemblyTest {

  private final List<String> whole = new ArrayList<>();
  private final AtomicInteger tooLarge = new AtomicInteger();
  private final MessageAssembly assembly = new MessageAssembly(10);

  private void add(String part, boolean last) {
    assembly.add(part, last, whole::add, tooLarge::incrementAndGet);
  }

  @Test
  void aMessageInOnePartPassesAsItIs() {
    add("0123456789", true);
    assertEquals(List.of("0123456789"), whole);
    assertEquals(0, tooLarge.get());
  }

  @Test
  void partsArePutTogetherUpToTheLimit() {
    add("0123", false);
    add("4567", false);
    add("89", true);
    add("next", true);
    assertEquals(List.of("0123456789", "next"), whole);
  }

  @Test
  void aMessagePastTheLimitIsReportedOnceAndItsRestDropped() {
    add("012345", false);
    add("678901", false);
    assertFalse(assembly.holding(), "nothing of it is kept");
    add("more", false);
    add("end", true);
    assertEquals(1, tooLarge.get());
    assertEquals(List.of(), whole);
    add("after", true);
    assertEquals(List.of("after"), whole, "the next message is read again");
  }

  @Test
  void theLimitCountsUtf8Bytes() {
    add("\u00e9\u00e9\u00e9\u00e9\u00e9", true); // 10 bytes
    add("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", true); // 12 bytes
    assertEquals(1, whole.size());
    assertEquals(1, tooLarge.get());
    assertEquals(4, MessageAssembly.utf8Length("\uD83D\uDE00", 100), "a surrogate pair");
    assertEquals(3, MessageAssembly.utf8Length("\u20ac", 100));
  }
}
