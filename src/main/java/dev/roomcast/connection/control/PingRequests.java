package dev.roomcast.connection.control;

import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.protocol.entity.ServerPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** The application-level ping (F4.3): {@code client_ping} and the answer to a server ping. */
@ApplicationScoped
public class PingRequests implements RequestHandler {

  @Inject Replies replies;

  @Override
  public Set<MessageType> types() {
    return Set.of(MessageType.CLIENT_PING, MessageType.PONG);
  }

  @Override
  public void handle(Connection connection, ClientEnvelope envelope, MessageType type) {
    Object answer = Map.of();
    if (type == MessageType.CLIENT_PING) {
      ServerPayload.Pong pong = new ServerPayload.Pong(Clock.systemUTC().millis());
      replies.send(connection, EventTypes.CLIENT_PONG, pong);
      answer = pong;
    }
    // the pong itself is the answer; ack:op only when the client asked for one
    if (envelope.clientOpId() != null) {
      replies.ack(connection, envelope.clientOpId(), answer);
    }
  }
}
