package dev.roomcast.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.protocol.entity.CloseCodes;
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
    offerFromFourProducers(sink);
    assertTrue(sink.runs.stream().allMatch(run -> run == 1), "one frame per send");
  }

  @Test
  void framesQueuedDuringASendLeaveTogetherInOrder_B2() throws Exception {
    AsyncSink sink = new AsyncSink(16);
    offerFromFourProducers(sink);
    assertTrue(sink.runs.stream().allMatch(run -> run >= 1 && run <= 16), "runs within the limit");
    assertTrue(
        sink.runs.size() < 20_000,
        "frames that queued behind a send went out together: " + sink.runs.size() + " sends");
  }

  @Test
  void oneFrameObjectServesEveryOutbox_B2() {
    RecordingSink first = new RecordingSink("a");
    RecordingSink second = new RecordingSink("b");
    OutboundFrame frame = new OutboundFrame("{\"type\":\"x\"}");
    assertTrue(new Outbox(first, 10).offer(frame));
    assertTrue(new Outbox(second, 10).offer(frame));
    assertSame(first.sentFrames().get(0), second.sentFrames().get(0));
    assertSame(first.sentFrames().get(0).wire(), second.sentFrames().get(0).wire());
  }

  private static void offerFromFourProducers(AsyncSink sink) throws Exception {
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
    assertEquals(4 * perProducer, sink.sent.size());
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

  @Test
  void aReplayLongerThanTheBoundIsNotCutOffButLiveLagBeyondItIs_B2_F2_6() {
    StuckSink sink = new StuckSink();
    Outbox outbox = new Outbox(sink, 3);
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      missed.add("missed" + i);
    }
    assertTrue(outbox.replay(missed), "a resume's replay is not cut off by its own length");
    assertEquals(null, sink.closeCode);
    // one replayed frame is in flight; nine wait, and the bound of 3 applies on top of them
    for (int i = 0; i < 3; i++) {
      assertTrue(outbox.offer("live" + i));
    }
    assertFalse(outbox.offer("one too many"));
    assertEquals(CloseCodes.SLOW_CONSUMER, sink.closeCode);
  }

  /** Completes sends later, on another thread, and tracks concurrency and run sizes. */
  static final class AsyncSink implements FrameSink {
    final List<String> sent = new ArrayList<>();
    final List<Integer> runs = new ArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(20_000);
    final ExecutorService completer = Executors.newSingleThreadExecutor();
    final int batchLimit;

    AsyncSink() {
      this(1);
    }

    AsyncSink(int batchLimit) {
      this.batchLimit = batchLimit;
    }

    @Override
    public String id() {
      return "async";
    }

    @Override
    public int batchLimit() {
      return batchLimit;
    }

    @Override
    public void send(List<OutboundFrame> frames, Consumer<Throwable> callback) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      synchronized (sent) {
        frames.forEach(frame -> sent.add(frame.text()));
        runs.add(frames.size());
      }
      completer.execute(
          () -> {
            inFlight.decrementAndGet();
            frames.forEach(frame -> done.countDown());
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
    public void send(List<OutboundFrame> frames, Consumer<Throwable> callback) {
      pending.add(callback);
    }

    @Override
    public void close(int code, String reason) {
      closeCode = code;
    }
  }
}
