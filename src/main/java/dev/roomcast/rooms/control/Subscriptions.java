package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.ServerPayload.MembershipAck;
import dev.roomcast.rooms.entity.RoomNames;
import dev.roomcast.state.control.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which rooms a connection follows, switched over one socket (F0.1): the room list page follows
 * {@code overview:public}, a room page follows {@code room:<id>}, and joining a room leaves the
 * overview.
 */
@ApplicationScoped
public class Subscriptions {

  private RoomRegistry registry;
  private RoomStore store;

  protected Subscriptions() {}

  @Inject
  public Subscriptions(RoomRegistry registry, RoomStore store) {
    this.registry = registry;
    this.store = store;
  }

  /** Joins a room by its wire name ({@code overview:public} or {@code room:<id>}). */
  public MembershipAck join(Connection connection, String room) {
    if (RoomNames.OVERVIEW.equals(room)) {
      registry.join(connection, room);
      return joined(room);
    }
    String roomId = roomIdOf(room);
    if (store.room(roomId).isEmpty()) {
      throw RoomService.notFound(roomId);
    }
    registry.leave(connection, RoomNames.OVERVIEW);
    registry.join(connection, room);
    return joined(room);
  }

  /** Leaves a room by its wire name; leaving a room one is not in still succeeds. */
  public MembershipAck leave(Connection connection, String room, boolean rejoinOverview) {
    if (!RoomNames.OVERVIEW.equals(room)) {
      roomIdOf(room);
    }
    boolean wasMember = registry.leave(connection, room);
    if (rejoinOverview && !RoomNames.OVERVIEW.equals(room)) {
      registry.join(connection, RoomNames.OVERVIEW);
    }
    return new MembershipAck(
        room,
        true,
        store.currentServerSeq(),
        store.currentRoomSeq(room),
        wasMember ? "Left room" : "Was not in room",
        null);
  }

  /** A failed join or leave, answered in the same shape as a successful one (F2.2). */
  public MembershipAck failed(String room, RequestRejected reason) {
    return new MembershipAck(
        room,
        false,
        store.currentServerSeq(),
        room == null ? null : store.currentRoomSeq(room),
        reason.getMessage(),
        reason.code());
  }

  private MembershipAck joined(String room) {
    return new MembershipAck(
        room,
        true,
        store.currentServerSeq(),
        store.currentRoomSeq(room),
        "Successfully joined room",
        null);
  }

  private static String roomIdOf(String room) {
    String roomId =
        RoomNames.roomIdOf(room)
            .orElseThrow(
                () ->
                    new RequestRejected(
                        ErrorCode.INVALID_ROOM,
                        "Unknown room " + room + "; expected overview:public or room:<id>"));
    if (!RoomNames.isValidId(roomId)) {
      throw new RequestRejected(ErrorCode.INVALID_ROOM, "Invalid room id: " + roomId);
    }
    return roomId;
  }
}
