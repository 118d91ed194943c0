package dev.roomcast.connection.control;

import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.MessageType;
import java.util.Set;

/**
 * Does the work of some of the protocol's request types. Each component that owns requests
 * registers one (a CDI bean); the dispatcher finds it by type, so it names no component and a new
 * request type touches only the component that handles it.
 */
public interface RequestHandler {

  /** The types this handler answers; every type has exactly one handler. */
  Set<MessageType> types();

  /**
   * Handles one request of one of {@link #types()} and answers it ({@code ack:op}, or the type's
   * own reply), or throws {@link dev.roomcast.protocol.entity.RequestRejected} for the dispatcher
   * to answer with {@code err:op}.
   */
  void handle(Connection connection, ClientEnvelope envelope, MessageType type);
}
