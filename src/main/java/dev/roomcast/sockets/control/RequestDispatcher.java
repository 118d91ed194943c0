package dev.roomcast.sockets.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.connection.control.Traffic;
import dev.roomcast.locks.control.LockService;
import dev.roomcast.observability.control.HealthCheck;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.presenter.control.PresenterService;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.publicrooms.control.PublicRooms;
import dev.roomcast.rooms.control.PassThroughEvents;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.rooms.control.RoomSnapshots;
import dev.roomcast.rooms.control.Subscriptions;
import dev.roomcast.rooms.entity.Published;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.LinkedHashMap;
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
  @Inject PresenceService presence;
  @Inject PublicRooms publicRooms;
  @Inject RoomKinds kinds;
  @Inject RoomEventService events;
  @Inject Settings settings;

  /**
   * Handles one text frame. Every frame counts against the connection's rate limit, refused ones
   * (too large, not JSON, not an object) included: a client over its rate gets {@code RATE_LIMITED}
   * whatever it sent, so bad frames cannot be sent faster than good ones.
   */
  public void handle(Connection connection, String frame) {
    traffic.received();
    // any frame proves the client alive (F4.3), even one refused below
    connection.inbound(System.currentTimeMillis());
    boolean withinRate = connection.rateLimit().tryAcquire();
    if (frame.length() > settings.maxFrameBytes()) {
      traffic.refused();
      replies.error(
          connection,
          null,
          withinRate
              ? new RequestRejected(
                  ErrorCode.FRAME_TOO_LARGE,
                  "Frame of " + frame.length() + " characters; at most " + settings.maxFrameBytes())
              : rateLimited());
      return;
    }
    ClientEnvelope envelope;
    try {
      envelope = codec.decode(frame);
    } catch (MessageCodec.RejectedWithOpId e) {
      traffic.refused();
      replies.error(connection, e.clientOpId(), withinRate ? e : rateLimited());
      return;
    } catch (RequestRejected e) {
      traffic.refused();
      replies.error(connection, null, withinRate ? e : rateLimited());
      return;
    }
    if (!withinRate) {
      traffic.refused();
      replies.error(connection, envelope.clientOpId(), rateLimited());
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
        if (type == MessageType.LEAVE_PRESENCE) {
          // seed 004: leaving a public room ends its connection
          connection.close(1000, "Left room");
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

  /**
   * Answers a binary frame: the protocol is JSON text, so it gets {@code BINARY_NOT_SUPPORTED} (or
   * {@code RATE_LIMITED}: it counts against the rate limit like any frame).
   */
  public void refuseBinary(Connection connection) {
    traffic.received();
    traffic.refused();
    connection.inbound(System.currentTimeMillis());
    replies.error(
        connection,
        null,
        connection.rateLimit().tryAcquire()
            ? new RequestRejected(
                ErrorCode.BINARY_NOT_SUPPORTED, "Binary frames are not part of the protocol")
            : rateLimited());
  }

  private RequestRejected rateLimited() {
    return new RequestRejected(
        ErrorCode.RATE_LIMITED,
        "More than "
            + settings.rateLimitPerSecond()
            + " messages per second; this one was dropped");
  }

  /**
   * Resumes the rooms named in the handshake's {@code resume} parameter (F2.6): {@code {"<room>":
   * {"roomSeq": N, "epoch": "E"}, ...}} as JSON. Each room is joined as by a join with {@code
   * since}; then one {@code sync:complete}. A bad parameter is answered with {@code err:op}, never
   * by closing.
   */
  public void resumeAtHandshake(Connection connection, String resume) {
    Map<String, RoomPosition> rooms;
    try {
      JsonObject parsed = codec.decodeObject(resume);
      rooms =
          codec
              .bind(
                  Json.createObjectBuilder().add("rooms", parsed).build(),
                  ClientRequest.SyncRequest.class)
              .rooms();
    } catch (RequestRejected e) {
      replies.error(
          connection,
          null,
          new RequestRejected(e.code(), "Handshake parameter resume: " + e.getMessage()));
      return;
    }
    Map<String, Object> reached = new LinkedHashMap<>();
    for (Map.Entry<String, RoomPosition> room : rooms.entrySet()) {
      try {
        subscriptions.join(connection, room.getKey(), room.getValue());
        // what the replay and the live events queued since bring the client up to
        reached.put(
            room.getKey(),
            events.underRoomLock(room.getKey(), () -> events.position(room.getKey())));
        presence.joined(connection, room.getKey());
      } catch (RequestRejected e) {
        replies.send(connection, EventTypes.ACK_JOIN, subscriptions.failed(room.getKey(), e));
      }
    }
    replies.send(connection, EventTypes.SYNC_COMPLETE, new ServerPayload.SyncComplete(reached));
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
      case JOIN_PRESENCE -> {
        var request = bind(envelope, ClientRequest.JoinPresence.class);
        return publicRooms.join(connection, request.userId(), request.userName());
      }
      case LEAVE_PRESENCE -> {
        var request = bind(envelope, ClientRequest.LeavePresence.class);
        publicRooms.leave(connection, request.userId());
        return Map.of("userId", request.userId());
      }
      case PONG -> {
        return Map.of();
      }
      case CLIENT_UPDATE -> {
        // read raw: a binder would turn "yes" into false
        jakarta.json.JsonValue value = envelope.data().get("isActive");
        if (value == null
            || value.getValueType() != jakarta.json.JsonValue.ValueType.TRUE
                && value.getValueType() != jakarta.json.JsonValue.ValueType.FALSE) {
          throw new RequestRejected(ErrorCode.INVALID_REQUEST, "isActive must be true or false");
        }
        boolean active = value.getValueType() == jakarta.json.JsonValue.ValueType.TRUE;
        presence.setActive(connection, active);
        return Map.of("isActive", active);
      }
      case PRESENCE_LIST -> {
        String room =
            envelope.room() != null
                ? envelope.room()
                : roomName(envelope, bind(envelope, ClientRequest.RoomRef.class).roomId());
        if (!registry.isMember(connection, room)) {
          throw new RequestRejected(ErrorCode.NOT_MEMBER, "Join " + room + " first");
        }
        return presence.list(room);
      }
      default -> throw new IllegalStateException("unrouted type " + type);
    }
  }

  /** Types whose answer is their own message; they add {@code ack:op} only when asked. */
  private static boolean answersItself(MessageType type) {
    return switch (type) {
      case CLIENT_PING, HEALTH_CHECK, SYNC_REQUEST, PONG, JOIN_PRESENCE, LEAVE_PRESENCE -> true;
      default -> false;
    };
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
          ack = subscriptions.leave(connection, room, false);
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
              subscriptions.leave(connection, room, Boolean.TRUE.equals(request.rejoinOverview()));
        }
        case JOIN ->
            ack =
                subscriptions.join(
                    connection,
                    requireRoom(room),
                    bind(envelope, ClientRequest.Join.class).since());
        case LEAVE -> ack = subscriptions.leave(connection, requireRoom(room), false);
        default -> throw new IllegalStateException("not a membership type: " + type);
      }
      if (!joining) {
        // presence first: a leave whose presence cannot be released (store down) is answered as
        // failed, and the connection stays present until a leave or its close gets through
        presence.left(connection, room);
        replies.send(connection, EventTypes.ACK_LEAVE, ack);
      }
      if (envelope.clientOpId() != null) {
        replies.ack(connection, envelope.clientOpId(), ack);
      }
      if (joining) {
        // after the ack, so the joiner's first room event is the announcement of itself
        presence.joined(connection, room);
      }
    } catch (RequestRejected e) {
      replies.send(connection, ackType, subscriptions.failed(room, e));
      replies.error(connection, envelope.clientOpId(), e);
    }
  }

  /** A type that is not a request: a pass-through room event, if configured (F0.8). */
  private void publishFromClient(Connection connection, ClientEnvelope envelope) {
    if (!passThrough.allows(envelope.type())) {
      throw new RequestRejected(ErrorCode.UNKNOWN_TYPE, "Unknown message type: " + envelope.type());
    }
    String target = envelope.room();
    if (target != null && RoomNames.roomIdOf(target).isEmpty()) {
      // a room of another kind (F1.2): its publish rule decides, membership is required
      kinds.requirePublishable(target, connection.identity());
      if (!registry.isMember(connection, target)) {
        throw new RequestRejected(ErrorCode.NOT_MEMBER, "Join " + target + " first");
      }
      ServerEnvelope sent = events.publish(target, envelope.type(), envelope.data());
      if (envelope.clientOpId() != null) {
        replies.ack(
            connection,
            envelope.clientOpId(),
            new Published(sent.room(), sent.roomSeq(), sent.serverSeq(), sent.eventId()));
      }
      return;
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
