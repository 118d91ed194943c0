package dev.roomcast.presenter.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RequestHandler;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.rooms.control.RoomTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;

/** Taking and releasing a room's presenter role (F0.6). */
@ApplicationScoped
public class PresenterRequests implements RequestHandler {

  @Inject MessageCodec codec;
  @Inject Replies replies;
  @Inject RoomTargets targets;
  @Inject PresenterService presenter;

  @Override
  public Set<MessageType> types() {
    return Set.of(MessageType.PRESENTER_TAKE, MessageType.PRESENTER_RELEASE);
  }

  @Override
  public void handle(Connection connection, ClientEnvelope envelope, MessageType type) {
    String sid = connection.sid();
    String roomId =
        targets.memberRoomId(
            connection,
            envelope,
            codec.bind(envelope.data(), ClientRequest.RoomRef.class).roomId());
    if (type == MessageType.PRESENTER_TAKE) {
      presenter.take(sid, roomId);
      replies.ack(connection, envelope.clientOpId(), Map.of("roomId", roomId, "presenterSid", sid));
    } else {
      presenter.release(sid, roomId);
      replies.ack(connection, envelope.clientOpId(), Map.of("roomId", roomId));
    }
  }
}
