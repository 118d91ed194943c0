package dev.roomcast.protocol.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.connection.control.Traffic;
import dev.roomcast.locks.control.LockService;
import dev.roomcast.observability.control.HealthCheck;
import dev.roomcast.presenter.control.PresenterService;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.rooms.control.PassThroughEvents;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.rooms.control.RoomSnapshots;
import dev.roomcast.rooms.control.Subscriptions;
import dev.roomcast.rooms.entity.RoomNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes each client frame to the service that handles its type and answers it. Every request with
 * a {@code clientOpId} gets exactly one {@code ack:op} or {@code err:op} (F2.5); failures are
 * answered even without one; nothing a client sends closes its connection.
 */
@ApplicationScoped
public class RequestDispatcher {

  private static final Logger LOG = Logger.getLogger(RequestDispatcher.class.getName());

  @Inject MessageCodec codec;
  @Inject Replies replies;
  @Inject RoomRegistry registry;
  @Inject Subscriptions subscriptions;
  @Inject RoomService rooms;
  @Inject LockService locks;
  @Inject PresenterService presenter;
  @Inject PassThroughEvents passThrough;
  @Inject RoomSnapshots snapshots;
  @Inject HealthCheck health;
  @Inject Traffic traffic;

  public void handle(Connection connection, String frame) {
    traffic.received();
    ClientEnvelope envelope;
    try {
      envelope = codec.decode(frame);
    } catch (MessageCodec.RejectedWithOpId e) {
      replies.error(connection, e.clientOpId(), e);
      return;
    } catch (RequestRejected e) {
      replies.error(connection, null, e);
      return;
    }
    try {
      MessageType type = MessageType.ofWireName(envelope.type()).orElse(null);
      if (type == null) {
        publishFromClient(connection, envelope);
      } else if (isMembership(type)) {
        changeMembership(connection, envelope, type);
      } else {
        Object result = dispatch(connection, envelope, type);
        if (!answersItself(type) || envelope.clientOpId() != null) {
          replies.ack(connection, envelope.clientOpId(), result);
        }
      }
    } catch (RequestRejected e) {
      replies.error(connection, envelope.clientOpId(), e);
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "request " + envelope.type() + " from session " + connection.sid() + " failed",
          e);
      replies.error(
          connection,
          envelope.clientOpId(),
          new RequestRejected(
              ErrorCode.INTERNAL_ERROR, "Internal error; the request was not applied"));
    }
  }

  private Object dispatch(Connection connection, ClientEnvelope envelope, MessageType type) {
    String sid = connection.sid();
    switch (type) {
      case LOCK_ACQUIRE -> {
        var request = bind(envelope, ClientRequest.LockAcquire.class);
        return locks.acquire(
            sid,
            memberRoomId(connection, envelope, request.roomId()),
            request.msg(),
            request.userName(),
            request.ttlSeconds());
      }
      case LOCK_REFRESH -> {
        var request = bind(envelope, ClientRequest.LockRefresh.class);
        return locks.refresh(
            sid, memberRoomId(connection, envelope, request.roomId()), request.ttlSeconds());
      }
      case LOCK_MSG -> {
        var request = bind(envelope, ClientRequest.LockMessage.class);
        String roomId = memberRoomId(connection, envelope, request.roomId());
        locks.message(sid, roomId, request.msg());
        return Map.of("roomId", roomId);
      }
      case LOCK_RELEASE -> {
        String roomId =
            memberRoomId(
                connection, envelope, bind(envelope, ClientRequest.RoomRef.class).roomId());
        locks.release(sid, roomId);
        return Map.of("roomId", roomId);
      }
      case PRESENTER_TAKE -> {
        String roomId =
            memberRoomId(
                connection, envelope, bind(envelope, ClientRequest.RoomRef.class).roomId());
        presenter.take(sid, roomId);
        return Map.of("roomId", roomId, "presenterSid", sid);
      }
      case PRESENTER_RELEASE -> {
        String roomId =
            memberRoomId(
                connection, envelope, bind(envelope, ClientRequest.RoomRef.class).roomId());
        presenter.release(sid, roomId);
        return Map.of("roomId", roomId);
      }
      case CLIENT_PING -> {
        ServerPayload.Pong pong = new ServerPayload.Pong(Clock.systemUTC().millis());
        replies.send(connection, EventTypes.CLIENT_PONG, pong);
        return pong;
      }
      case HEALTH_CHECK -> {
        ServerPayload.HealthStatus status = health.status();
        replies.send(connection, EventTypes.HEALTH_STATUS, status);
        return status;
      }
      case SYNC_REQUEST -> {
        return subscriptions.sync(
            connection, bind(envelope, ClientRequest.SyncRequest.class).rooms());
      }
      case REQUEST_CURRENT_STATE -> {
        String room = requireRoom(envelope.room());
        if (!registry.isMember(connection, room)) {
          throw new RequestRejected(ErrorCode.NOT_MEMBER, "Join " + room + " first");
        }
        return snapshots.current(room);
      }
      default -> throw new IllegalStateException("unrouted type " + type);
    }
  }

  /** Types whose answer is their own message; they add {@code ack:op} only when asked. */
  private static boolean answersItself(MessageType type) {
    return type == MessageType.CLIENT_PING
        || type == MessageType.HEALTH_CHECK
        || type == MessageType.SYNC_REQUEST;
  }

  private static boolean isMembership(MessageType type) {
    return switch (type) {
      case JOIN_OVERVIEW, LEAVE_OVERVIEW, JOIN_ROOM, LEAVE_ROOM, JOIN, LEAVE -> true;
      default -> false;
    };
  }

  /** Answers {@code ack:join}/{@code ack:leave} always, plus the op answer when one was asked. */
  private void changeMembership(Connection connection, ClientEnvelope envelope, MessageType type) {
    boolean joining =
        type == MessageType.JOIN_OVERVIEW
            || type == MessageType.JOIN_ROOM
            || type == MessageType.JOIN;
    String ackType = joining ? EventTypes.ACK_JOIN : EventTypes.ACK_LEAVE;
    String room = envelope.room();
    try {
      ServerPayload.MembershipAck ack;
      switch (type) {
        case JOIN_OVERVIEW -> {
          room = RoomNames.OVERVIEW;
          ack =
              subscriptions.join(
                  connection, room, bind(envelope, ClientRequest.Join.class).since());
        }
        case LEAVE_OVERVIEW -> {
          room = RoomNames.OVERVIEW;
          ack = leaveAnswered(connection, subscriptions.leave(connection, room, false));
        }
        case JOIN_ROOM -> {
          var request = bind(envelope, ClientRequest.Join.class);
          room = roomName(envelope, request.roomId());
          ack = subscriptions.join(connection, room, request.since());
        }
        case LEAVE_ROOM -> {
          var request = bind(envelope, ClientRequest.LeaveRoom.class);
          room = roomName(envelope, request.roomId());
          ack =
              leaveAnswered(
                  connection,
                  subscriptions.leave(
                      connection, room, Boolean.TRUE.equals(request.rejoinOverview())));
        }
        case JOIN ->
            ack =
                subscriptions.join(
                    connection,
                    requireRoom(room),
                    bind(envelope, ClientRequest.Join.class).since());
        case LEAVE ->
            ack =
                leaveAnswered(
                    connection, subscriptions.leave(connection, requireRoom(room), false));
        default -> throw new IllegalStateException("not a membership type: " + type);
      }
      if (envelope.clientOpId() != null) {
        replies.ack(connection, envelope.clientOpId(), ack);
      }
    } catch (RequestRejected e) {
      replies.send(connection, ackType, subscriptions.failed(room, e));
      replies.error(connection, envelope.clientOpId(), e);
    }
  }

  /**
   * Joins send their own {@code ack:join} (it is part of the atomic join); leaves are sent here.
   */
  private ServerPayload.MembershipAck leaveAnswered(
      Connection connection, ServerPayload.MembershipAck ack) {
    replies.send(connection, EventTypes.ACK_LEAVE, ack);
    return ack;
  }

  /** A type that is not a request: a pass-through room event, if configured (F0.8). */
  private void publishFromClient(Connection connection, ClientEnvelope envelope) {
    if (!passThrough.allows(envelope.type())) {
      throw new RequestRejected(ErrorCode.UNKNOWN_TYPE, "Unknown message type: " + envelope.type());
    }
    String roomId = memberRoomId(connection, envelope, envelope.data().getString("roomId", null));
    var published = rooms.publishEvent(roomId, envelope.type(), envelope.data());
    if (envelope.clientOpId() != null) {
      replies.ack(connection, envelope.clientOpId(), published);
    }
  }

  private <T extends ClientRequest> T bind(ClientEnvelope envelope, Class<T> type) {
    return codec.bind(envelope.data(), type);
  }

  /** The target room of a room-scoped request, which the caller must have joined. */
  private String memberRoomId(Connection connection, ClientEnvelope envelope, String dataRoomId) {
    String room = roomName(envelope, dataRoomId);
    if (!registry.isMember(connection, room)) {
      throw new RequestRejected(ErrorCode.NOT_MEMBER, "Join " + room + " first");
    }
    return RoomNames.roomIdOf(room).orElseThrow();
  }

  /** {@code room:<id>} from the envelope's room, or from {@code data.roomId} as seed 000 sends. */
  private static String roomName(ClientEnvelope envelope, String dataRoomId) {
    if (envelope.room() != null) {
      String roomId =
          RoomNames.roomIdOf(envelope.room())
              .orElseThrow(
                  () ->
                      new RequestRejected(
                          ErrorCode.INVALID_ROOM, "Expected room:<id>, got " + envelope.room()));
      if (!RoomNames.isValidId(roomId)) {
        throw new RequestRejected(ErrorCode.INVALID_ROOM, "Invalid room id: " + roomId);
      }
      return envelope.room();
    }
    if (dataRoomId == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Missing room (or data.roomId)");
    }
    if (!RoomNames.isValidId(dataRoomId)) {
      throw new RequestRejected(ErrorCode.INVALID_ROOM, "Invalid room id: " + dataRoomId);
    }
    return RoomNames.ofRoom(dataRoomId);
  }

  private static String requireRoom(String room) {
    if (room == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Missing field: room");
    }
    return room;
  }
}
