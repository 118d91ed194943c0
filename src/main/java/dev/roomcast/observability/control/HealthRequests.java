package dev.roomcast.observability.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RequestHandler;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.protocol.entity.ServerPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** {@code health_check} over the socket (F4.2): the same status as {@code GET /api/health}. */
@ApplicationScoped
public class HealthRequests implements RequestHandler {

  @Inject Replies replies;
  @Inject HealthCheck health;

  @Override
  public Set<MessageType> types() {
    return Set.of(MessageType.HEALTH_CHECK);
  }

  @Override
  public void handle(Connection connection, ClientEnvelope envelope, MessageType type) {
    ServerPayload.HealthStatus status = health.status();
    replies.send(connection, EventTypes.HEALTH_STATUS, status);
    if (envelope.clientOpId() != null) {
      replies.ack(connection, envelope.clientOpId(), status);
    }
  }
}
