package dev.roomcast.presence.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RequestHandler;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.RoomTargets;
import dev.roomcast.rooms.control.Subscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Joining and leaving rooms (F2.1, F2.6), and the rooms a handshake resumes: membership and
 * presence change together, so they are handled here, above both.
 */
@ApplicationScoped
public class MembershipRequests implements RequestHandler {

  @Inject MessageCodec codec;
  @Inject Replies replies;
  @Inject Subscriptions subscriptions;
  @Inject RoomEventService events;
  @Inject PresenceService presence;

  @Override
  public Set<MessageType> types() {
    return Set.of(
        MessageType.JOIN_OVERVIEW,
        MessageType.LEAVE_OVERVIEW,
        MessageType.JOIN_ROOM,
        MessageType.LEAVE_ROOM,
        MessageType.JOIN,
        MessageType.LEAVE);
  }

  /** Answers {@code ack:join}/{@code ack:leave} always, plus the op answer when one was asked. */
  @Override
  public void handle(Connection connection, ClientEnvelope envelope, MessageType type) {
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
          ack = subscriptions.join(connection, room, join(envelope).since());
        }
        case LEAVE_OVERVIEW -> {
          room = RoomNames.OVERVIEW;
          ack = subscriptions.leave(connection, room, false);
        }
        case JOIN_ROOM -> {
          var request = join(envelope);
          room = RoomTargets.roomName(envelope, request.roomId());
          ack = subscriptions.join(connection, room, request.since());
        }
        case LEAVE_ROOM -> {
          var request = codec.bind(envelope.data(), ClientRequest.LeaveRoom.class);
          room = RoomTargets.roomName(envelope, request.roomId());
          ack =
              subscriptions.leave(connection, room, Boolean.TRUE.equals(request.rejoinOverview()));
        }
        case JOIN ->
            ack =
                subscriptions.join(
                    connection, RoomTargets.requireRoom(room), join(envelope).since());
        default -> ack = subscriptions.leave(connection, RoomTargets.requireRoom(room), false);
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
        reached.put(room.getKey(), events.position(room.getKey()));
        presence.joined(connection, room.getKey());
      } catch (RequestRejected e) {
        replies.send(connection, EventTypes.ACK_JOIN, subscriptions.failed(room.getKey(), e));
      }
    }
    replies.send(connection, EventTypes.SYNC_COMPLETE, new ServerPayload.SyncComplete(reached));
  }

  private ClientRequest.Join join(ClientEnvelope envelope) {
    return codec.bind(envelope.data(), ClientRequest.Join.class);
  }
}
