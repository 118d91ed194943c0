package dev.roomcast.presence.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RequestHandler;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.RoomTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;

/** A member's activity ({@code client:update}, F3.8) and a room's presence list (F4.4). */
@ApplicationScoped
public class PresenceRequests implements RequestHandler {

  @Inject MessageCodec codec;
  @Inject Replies replies;
  @Inject RoomTargets targets;
  @Inject PresenceService presence;

  @Override
  public Set<MessageType> types() {
    return Set.of(MessageType.CLIENT_UPDATE, MessageType.PRESENCE_LIST);
  }

  @Override
  public void handle(Connection connection, ClientEnvelope envelope, MessageType type) {
    if (type == MessageType.CLIENT_UPDATE) {
      // read raw: a binder would turn "yes" into false
      JsonValue value = envelope.data().get("isActive");
      if (value == null
          || value.getValueType() != JsonValue.ValueType.TRUE
              && value.getValueType() != JsonValue.ValueType.FALSE) {
        throw new RequestRejected(ErrorCode.INVALID_REQUEST, "isActive must be true or false");
      }
      boolean active = value.getValueType() == JsonValue.ValueType.TRUE;
      presence.setActive(connection, active);
      replies.ack(connection, envelope.clientOpId(), Map.of("isActive", active));
      return;
    }
    String room =
        envelope.room() != null
            ? envelope.room()
            : RoomTargets.roomName(
                envelope, codec.bind(envelope.data(), ClientRequest.RoomRef.class).roomId());
    targets.requireMember(connection, room);
    replies.ack(connection, envelope.clientOpId(), presence.list(room));
  }
}
