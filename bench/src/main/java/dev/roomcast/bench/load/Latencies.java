package dev.roomcast.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** A lock-free latency histogram: 10 µs buckets up to 100 ms, then 1 ms buckets up to 60 s. */
final class Latencies {

  private static final int FINE = 10_000;
  private static final int COARSE = 60_000;
  private final AtomicLongArray buckets = new AtomicLongArray(FINE + COARSE);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong maxMicros = new AtomicLong();

  void record(long micros) {
    long us = Math.max(0, micros);
    int index = us < 100_000 ? (int) (us / 10) : FINE + (int) Math.min(COARSE - 1, us / 1000 - 100);
    buckets.incrementAndGet(index);
    count.incrementAndGet();
    maxMicros.accumulateAndGet(us, Math::max);
  }

  long count() {
    return count.get();
  }

  /** The latency at quantile {@code q} (0..1) in milliseconds; NaN when nothing was recorded. */
  double quantileMillis(double q) {
    long total = count.get();
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < buckets.length(); i++) {
      seen += buckets.get(i);
      if (seen >= rank) {
        return i < FINE ? (i * 10 + 10) / 1000.0 : (i - FINE + 101);
      }
    }
    return maxMillis();
  }

  double maxMillis() {
    return count.get() == 0 ? Double.NaN : maxMicros.get() / 1000.0;
  }
}
