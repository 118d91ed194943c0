package dev.roomcast.connection.control;

import java.util.List;
import java.util.function.Consumer;

/** Where an {@link Outbox} writes: a WebSocket session in the server, a fake in unit tests. */
public interface FrameSink {

  /** The connection's id, for logs. */
  String id();

  /**
   * Starts sending frames, in order; at most {@link #batchLimit()} of them. {@code done} runs once
   * when all are sent, with null on success or the failure, possibly before this method returns.
   */
  void send(List<OutboundFrame> frames, Consumer<Throwable> done);

  /**
   * How many queued frames one {@link #send} may carry. A sink that writes them in one go (one
   * system call for several frames of a busy connection) says more than 1.
   */
  default int batchLimit() {
    return 1;
  }

  /** Closes the connection with a WebSocket close code and reason. */
  void close(int code, String reason);

  /**
   * Runs {@code gone} once when the socket is gone, whoever closed it and however (a close frame, a
   * reset, a read that ended); at once if it already is. It may run on any thread, a broadcast's
   * included, so it must only hand the news on. A sink that cannot tell never runs it.
   */
  default void whenGone(Runnable gone) {}
}
