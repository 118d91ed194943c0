package dev.roomcast.connection.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs what goes wrong with connections (failed sends, protocol violations, container errors) so
 * that no client and no flood of clients can fill the disk: each connection reports each cause
 * once, and all of them together at most {@link #LINES_PER_MINUTE} lines a minute; the lines left
 * out are counted ({@code GET /api/stats}: {@code logLinesSuppressed}) and summed up in one line
 * when the next minute's first line is written.
 */
@ApplicationScoped
public class IncidentLog {

  /** Lines a minute, all connections together. */
  static final int LINES_PER_MINUTE = 30;

  private static final long WINDOW = TimeUnit.MINUTES.toNanos(1);

  private final LongAdder suppressedTotal = new LongAdder();
  private long windowStart = System.nanoTime();
  private int lines;
  private long suppressedInWindow;

  /**
   * Logs {@code message} at {@code level} to {@code log}, unless {@code connection} already
   * reported {@code cause} or the minute's lines are spent.
   */
  public void report(
      Logger log, Level level, Connection connection, String cause, Supplier<String> message) {
    if (connection.firstReportOf(cause)) {
      report(log, level, message, null);
    }
  }

  /**
   * A socket's container reported {@code failure} ({@code @OnError}): logged at INFO once per
   * connection and kind of failure, or once per session before the connection was admitted.
   *
   * @param session what the endpoint calls its sessions and the container's id for this one, e.g.
   *     {@code "public session 17"}
   * @param connection the session's connection, null if it has none (yet)
   */
  public void socketFailed(Logger log, String session, Connection connection, Throwable failure) {
    Supplier<String> message = () -> session + " failed: " + failure;
    if (connection == null) {
      report(log, Level.INFO, message, null);
    } else {
      report(log, Level.INFO, connection, "error " + failure.getClass().getName(), message);
    }
  }

  /**
   * Logs {@code message} at {@code level} to {@code log}, with {@code thrown}'s stack trace unless
   * it is null, unless the minute's lines are spent.
   */
  public void report(Logger log, Level level, Supplier<String> message, Throwable thrown) {
    if (!log.isLoggable(level)) {
      return;
    }
    long suppressedBefore;
    synchronized (this) {
      long now = System.nanoTime();
      suppressedBefore = 0;
      if (now - windowStart >= WINDOW) {
        suppressedBefore = suppressedInWindow;
        windowStart = now;
        lines = 0;
        suppressedInWindow = 0;
      }
      if (lines >= LINES_PER_MINUTE) {
        suppressedInWindow++;
        suppressedTotal.increment();
        return;
      }
      lines++;
    }
    if (suppressedBefore > 0) {
      log.log(
          level,
          suppressedBefore
              + " more connection incidents were not logged in the last minute"
              + " (GET /api/stats counts them)");
    }
    if (thrown == null) {
      log.log(level, message);
    } else {
      log.log(level, thrown, message);
    }
  }

  /** Lines left out since start. */
  public long suppressed() {
    return suppressedTotal.sum();
  }
}
