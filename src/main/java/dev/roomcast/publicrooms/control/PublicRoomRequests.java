package dev.roomcast.publicrooms.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RequestHandler;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.MessageType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;

/** Entering and leaving a public room on its socket (seed 004, F4.4). */
@ApplicationScoped
public class PublicRoomRequests implements RequestHandler {

  @Inject MessageCodec codec;
  @Inject Replies replies;
  @Inject PublicRooms publicRooms;

  @Override
  public Set<MessageType> types() {
    return Set.of(MessageType.JOIN_PRESENCE, MessageType.LEAVE_PRESENCE);
  }

  @Override
  public void handle(Connection connection, ClientEnvelope envelope, MessageType type) {
    // the presence announcements are the answer; ack:op only when asked for
    if (type == MessageType.JOIN_PRESENCE) {
      var request = codec.bind(envelope.data(), ClientRequest.JoinPresence.class);
      Object present = publicRooms.join(connection, request.userId(), request.userName());
      if (envelope.clientOpId() != null) {
        replies.ack(connection, envelope.clientOpId(), present);
      }
      return;
    }
    var request = codec.bind(envelope.data(), ClientRequest.LeavePresence.class);
    publicRooms.leave(connection, request.userId());
    if (envelope.clientOpId() != null) {
      replies.ack(connection, envelope.clientOpId(), Map.of("userId", request.userId()));
    }
    // seed 004: leaving a public room ends its connection
    connection.close(1000, "Left room");
  }
}
