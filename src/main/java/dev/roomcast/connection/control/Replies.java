package dev.roomcast.connection.control;

import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.protocol.entity.ServerPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Sends messages meant for one connection only: acks, errors, status. Nothing here asks the store,
 * so a reply goes out even while the store is down (that is when errors are most needed).
 */
@ApplicationScoped
public class Replies {

  private MessageCodec codec;
  private ServerSequence serverSequence;
  private EventIds eventIds;
  private Clock clock;

  protected Replies() {}

  @Inject
  public Replies(MessageCodec codec, ServerSequence serverSequence, EventIds eventIds) {
    this(codec, serverSequence, eventIds, Clock.systemUTC());
  }

  public Replies(
      MessageCodec codec, ServerSequence serverSequence, EventIds eventIds, Clock clock) {
    this.codec = codec;
    this.serverSequence = serverSequence;
    this.eventIds = eventIds;
    this.clock = clock;
  }

  /** Sends one envelope to one connection; {@code serverSeq} is the latest this node has seen. */
  public void send(Connection connection, String type, Object data) {
    connection.send(
        codec.encode(
            new ServerEnvelope(
                type, null, null, serverSequence.latest(), clock.millis(), eventIds.next(), data)));
  }

  public void ack(Connection connection, String clientOpId, Object data) {
    send(connection, EventTypes.ACK_OP, new ServerPayload.OpAck(clientOpId, data));
  }

  /** Refuses a request: {@code err:op}, or {@code error {code, message}} on public rooms (F4.5). */
  public void error(Connection connection, String clientOpId, RequestRejected rejected) {
    if (connection.isPublic()) {
      send(
          connection,
          EventTypes.ERROR,
          new ErrorReply(rejected.code(), rejected.getMessage(), clientOpId));
      return;
    }
    send(connection, EventTypes.ERR_OP, new ServerPayload.OpError(clientOpId, rejected));
  }
}
