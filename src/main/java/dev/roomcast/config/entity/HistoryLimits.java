package dev.roomcast.config.entity;

import java.time.Duration;

/**
 * How much each room's stream may keep (F2.6, B12): at most {@code maxEvents} events, none older
 * than {@code maxAge}, at most {@code maxRoomBytes} of them per room and {@code maxTotalBytes} over
 * all rooms (in memory; Redis bounds its total itself), whichever bound is hit first drops the
 * oldest. A stream nobody used for {@code streamIdle} (no event, no join, no member) is forgotten:
 * its sequence and epoch start over.
 */
public record HistoryLimits(
    int maxEvents, Duration maxAge, long maxRoomBytes, long maxTotalBytes, Duration streamIdle) {

  public static final long DEFAULT_MAX_ROOM_BYTES = 4L << 20;
  public static final long DEFAULT_MAX_TOTAL_BYTES = 128L << 20;
  public static final Duration DEFAULT_STREAM_IDLE = Duration.ofMinutes(15);

  /** Count and age limits with the default byte bounds and idle time. */
  public HistoryLimits(int maxEvents, Duration maxAge) {
    this(maxEvents, maxAge, DEFAULT_MAX_ROOM_BYTES, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_STREAM_IDLE);
  }

  /** The defaults of {@code ROOMCAST_HISTORY_MAX_*} and {@code ROOMCAST_STREAM_IDLE_SECONDS}. */
  public static HistoryLimits defaults() {
    return new HistoryLimits(1000, Duration.ofMinutes(5));
  }

  /**
   * How long an unused stream lives: never shorter than the history age, so a client that left can
   * still resume from everything history keeps.
   */
  public Duration effectiveStreamIdle() {
    return streamIdle.compareTo(maxAge) < 0 ? maxAge : streamIdle;
  }

  /**
   * What an event costs against the byte bounds: two bytes per character of its frame (the most a
   * Java string takes) plus its entry's overhead, so the bound holds for any text.
   */
  public static long cost(String frame) {
    return 2L * frame.length() + 64;
  }
}
