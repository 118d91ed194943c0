package dev.roomcast.bench.load;

import java.util.concurrent.atomic.LongAdder;

/** Counts benchmark events received and their latencies, per measurement step. */
final class Deliveries {

  private final LongAdder received = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private volatile Latencies step = new Latencies();
  private volatile int frameBytes;

  /** Called for each received frame that carries a benchmark timestamp. */
  void received(int length, long sentNanos) {
    received.increment();
    step.record((System.nanoTime() - sentNanos) / 1000);
    if (frameBytes == 0) {
      frameBytes = length;
    }
  }

  long total() {
    return received.sum();
  }

  /** A server refused a request (roomcast's {@code err:op}, e.g. RATE_LIMITED). */
  void refused() {
    refused.increment();
  }

  /** Requests refused so far: a refused publish never delivers, so figures are capped. */
  long refusals() {
    return refused.sum();
  }

  /** Starts a new step and returns the finished step's latencies. */
  Latencies restart() {
    Latencies done = step;
    step = new Latencies();
    return done;
  }

  /** Length of one delivered event frame, as the server wrote it. */
  int frameBytes() {
    return frameBytes;
  }
}
