package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.ClientEventHandler;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.rooms.entity.Published;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Room events clients publish themselves: the pass-through types (F0.8), per room kind (F1.2). */
@ApplicationScoped
public class ClientEvents implements ClientEventHandler {

  @Inject PassThroughEvents passThrough;
  @Inject RoomKinds kinds;
  @Inject RoomTargets targets;
  @Inject RoomEventService events;
  @Inject RoomService rooms;
  @Inject Replies replies;

  @Override
  public void publish(Connection connection, ClientEnvelope envelope) {
    if (!passThrough.allows(envelope.type())) {
      throw new RequestRejected(ErrorCode.UNKNOWN_TYPE, "Unknown message type: " + envelope.type());
    }
    String target = envelope.room();
    if (target != null && RoomNames.roomIdOf(target).isEmpty()) {
      // a room of another kind (F1.2): its publish rule decides, membership is required
      kinds.requirePublishable(target, connection.identity());
      targets.requireMember(connection, target);
      ServerEnvelope sent = events.publish(target, envelope.type(), envelope.data());
      if (envelope.clientOpId() != null) {
        replies.ack(
            connection,
            envelope.clientOpId(),
            new Published(sent.room(), sent.roomSeq(), sent.serverSeq(), sent.eventId()));
      }
      return;
    }
    String roomId =
        targets.memberRoomId(connection, envelope, envelope.data().getString("roomId", null));
    var published = rooms.publishEvent(roomId, envelope.type(), envelope.data());
    if (envelope.clientOpId() != null) {
      replies.ack(connection, envelope.clientOpId(), published);
    }
  }
}
