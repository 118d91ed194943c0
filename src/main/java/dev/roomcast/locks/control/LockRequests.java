package dev.roomcast.locks.control;

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

/** The lock requests of a room's members (F0.5): acquire, refresh, message, release. */
@ApplicationScoped
public class LockRequests implements RequestHandler {

  @Inject MessageCodec codec;
  @Inject Replies replies;
  @Inject RoomTargets targets;
  @Inject LockService locks;

  @Override
  public Set<MessageType> types() {
    return Set.of(
        MessageType.LOCK_ACQUIRE,
        MessageType.LOCK_REFRESH,
        MessageType.LOCK_MSG,
        MessageType.LOCK_RELEASE);
  }

  @Override
  public void handle(Connection connection, ClientEnvelope envelope, MessageType type) {
    replies.ack(connection, envelope.clientOpId(), answer(connection, envelope, type));
  }

  private Object answer(Connection connection, ClientEnvelope envelope, MessageType type) {
    String sid = connection.sid();
    switch (type) {
      case LOCK_ACQUIRE -> {
        var request = codec.bind(envelope.data(), ClientRequest.LockAcquire.class);
        return locks.acquire(
            sid,
            targets.memberRoomId(connection, envelope, request.roomId()),
            request.msg(),
            request.userName(),
            request.ttlSeconds());
      }
      case LOCK_REFRESH -> {
        var request = codec.bind(envelope.data(), ClientRequest.LockRefresh.class);
        return locks.refresh(
            sid,
            targets.memberRoomId(connection, envelope, request.roomId()),
            request.ttlSeconds());
      }
      case LOCK_MSG -> {
        var request = codec.bind(envelope.data(), ClientRequest.LockMessage.class);
        String roomId = targets.memberRoomId(connection, envelope, request.roomId());
        locks.message(sid, roomId, request.msg());
        return Map.of("roomId", roomId);
      }
      default -> {
        String roomId =
            targets.memberRoomId(
                connection,
                envelope,
                codec.bind(envelope.data(), ClientRequest.RoomRef.class).roomId());
        locks.release(sid, roomId);
        return Map.of("roomId", roomId);
      }
    }
  }
}
