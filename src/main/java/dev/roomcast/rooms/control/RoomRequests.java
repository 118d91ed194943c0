package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RequestHandler;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.MessageType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** A room's stream on request: catching up ({@code sync:request}, F2.6) and its current state. */
@ApplicationScoped
public class RoomRequests implements RequestHandler {

  @Inject MessageCodec codec;
  @Inject Replies replies;
  @Inject Subscriptions subscriptions;
  @Inject RoomSnapshots snapshots;
  @Inject RoomTargets targets;

  @Override
  public Set<MessageType> types() {
    return Set.of(MessageType.SYNC_REQUEST, MessageType.REQUEST_CURRENT_STATE);
  }

  @Override
  public void handle(Connection connection, ClientEnvelope envelope, MessageType type) {
    if (type == MessageType.SYNC_REQUEST) {
      // the replay and sync:complete are the answer; ack:op only when asked for
      Object reached =
          subscriptions.sync(
              connection, codec.bind(envelope.data(), ClientRequest.SyncRequest.class).rooms());
      if (envelope.clientOpId() != null) {
        replies.ack(connection, envelope.clientOpId(), reached);
      }
      return;
    }
    String room = RoomTargets.requireRoom(envelope.room());
    targets.requireMember(connection, room);
    replies.ack(connection, envelope.clientOpId(), snapshots.current(room));
  }
}
