package dev.roomcast.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.connection.control.CloseCodes;
import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.support.RecordingSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

  @Test
  void inlineCompletionsDoNotGrowTheStack_B2() {
    RecordingSink sink = new RecordingSink("s");
    Outbox outbox = new Outbox(sink, 10);
    for (int i = 0; i < 200_000; i++) {
      assertTrue(outbox.offer("m" + i));
    }
    List<String> frames = sink.frames();
    assertEquals(200_000, frames.size());
    assertEquals("m199999", frames.get(199_999));
  }

  @Test
  void neverMoreThanOneSendInFlightAndOrderIsKept_B2() throws Exception {
    AsyncSink sink = new AsyncSink();
    Outbox outbox = new Outbox(sink, 100_000);
    ExecutorService producers = Executors.newFixedThreadPool(4);
    int perProducer = 5_000;
    for (int p = 0; p < 4; p++) {
      int producer = p;
      producers.execute(
          () -> {
            for (int i = 0; i < perProducer; i++) {
              outbox.offer(producer + ":" + i);
            }
          });
    }
    producers.shutdown();
    assertTrue(producers.awaitTermination(10, TimeUnit.SECONDS));
    assertTrue(sink.done.await(20, TimeUnit.SECONDS), "all frames sent");
    assertEquals(1, sink.maxInFlight.get());
    int[] next = new int[4];
    for (String frame : sink.sent) {
      String[] parts = frame.split(":");
      int producer = Integer.parseInt(parts[0]);
      assertEquals(next[producer]++, Integer.parseInt(parts[1]), "per-producer order");
    }
  }

  @Test
  void clientThatFallsBehindIsClosedWithSlowConsumerCode_B2() {
    StuckSink sink = new StuckSink();
    Outbox outbox = new Outbox(sink, 3);
    // the first frame is taken by the stuck send; three more fill the queue
    for (int i = 0; i < 4; i++) {
      assertTrue(outbox.offer("m" + i));
    }
    assertFalse(outbox.offer("overflow"));
    assertEquals(CloseCodes.SLOW_CONSUMER, sink.closeCode);
    assertFalse(outbox.offer("after close"));
  }

  /** Completes sends later, on another thread, and tracks concurrency. */
  static final class AsyncSink implements FrameSink {
    final List<String> sent = new ArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(20_000);
    final ExecutorService completer = Executors.newSingleThreadExecutor();

    @Override
    public String id() {
      return "async";
    }

    @Override
    public void send(String text, Consumer<Throwable> callback) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      synchronized (sent) {
        sent.add(text);
      }
      completer.execute(
          () -> {
            inFlight.decrementAndGet();
            done.countDown();
            callback.accept(null);
          });
    }

    @Override
    public void close(int code, String reason) {}
  }

  /** Never completes a send, like a client that stopped reading. */
  static final class StuckSink implements FrameSink {
    final Queue<Consumer<Throwable>> pending = new ConcurrentLinkedQueue<>();
    volatile Integer closeCode;

    @Override
    public String id() {
      return "stuck";
    }

    @Override
    public void send(String text, Consumer<Throwable> callback) {
      pending.add(callback);
    }

    @Override
    public void close(int code, String reason) {
      closeCode = code;
    }
  }
}
