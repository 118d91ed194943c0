package dev.roomcast.transport.control;

import java.util.function.Consumer;

/**
 * A write's outcome, reported to the outbox once: the containers' completion handlers may call more
 * than one of their callbacks (a failure after a completion that threw), and the outbox resumes its
 * queue on each report.
 */
final class WriteOutcome {

  private final Consumer<Throwable> done;
  private volatile boolean reported;

  WriteOutcome(Consumer<Throwable> done) {
    this.done = done;
  }

  /** Reports success (null) or the failure, unless already reported. */
  void report(Throwable failure) {
    if (!reported) {
      reported = true;
      done.accept(failure);
    }
  }
}
