package dev.roomcast.connection.control;

import dev.roomcast.protocol.entity.ClientEnvelope;

/**
 * What a frame of a type that is not a request becomes: a room event the client publishes, where
 * the configuration allows it (F0.8), or {@code UNKNOWN_TYPE}.
 */
public interface ClientEventHandler {

  /** Publishes the frame as a room event and answers it, or throws to refuse it. */
  void publish(Connection connection, ClientEnvelope envelope);
}
