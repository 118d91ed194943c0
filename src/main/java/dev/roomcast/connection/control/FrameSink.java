package dev.roomcast.connection.control;

import java.util.function.Consumer;

/** Where an {@link Outbox} writes: a WebSocket session in the server, a fake in unit tests. */
public interface FrameSink {

  /** The connection's id, for logs. */
  String id();

  /**
   * Starts sending one text frame; {@code done} runs once, with null on success or the failure,
   * possibly before this method returns.
   */
  void send(String text, Consumer<Throwable> done);

  /** Closes the connection with a WebSocket close code and reason. */
  void close(int code, String reason);
}
