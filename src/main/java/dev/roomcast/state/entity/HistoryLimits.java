package dev.roomcast.state.entity;

import java.time.Duration;

/**
 * How much history each room keeps (F2.6): at most {@code maxEvents} events, none older than {@code
 * maxAge}; whichever bound is hit first drops the oldest.
 */
public record HistoryLimits(int maxEvents, Duration maxAge) {

  /** The defaults of {@code ROOMCAST_HISTORY_MAX_EVENTS} and {@code ..._MAX_AGE_SECONDS}. */
  public static HistoryLimits defaults() {
    return new HistoryLimits(1000, Duration.ofMinutes(5));
  }
}
