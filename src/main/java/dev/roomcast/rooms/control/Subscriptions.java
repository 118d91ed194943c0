package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
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
  private RoomKinds kinds;
  private int maxRooms;

  protected Subscriptions() {}

  @Inject
  public Subscriptions(RoomRegistry registry, RoomStore store, RoomKinds kinds, Settings settings) {
    this(registry, store, kinds, settings.maxRoomsPerConnection());
  }

  public Subscriptions(RoomRegistry registry, RoomStore store, RoomKinds kinds, int maxRooms) {
    this.registry = registry;
    this.store = store;
    this.kinds = kinds;
    this.maxRooms = maxRooms;
  }

  /**
   * Joins a room by its wire name, if its kind lets this client join (F1.2, F3.3): {@code
   * overview:public}, {@code room:<id>} (which must exist), or any other configured kind.
   */
  public MembershipAck join(Connection connection, String room) {
    kinds.requireJoinable(room, connection.identity());
    if (connection.isPublic()) {
      throw new RequestRejected(
          ErrorCode.FORBIDDEN, "A /public-room connection stays in its own room");
    }
    requireRoomFor(connection, room);
    if (!RoomNames.OVERVIEW.equals(room) && RoomNames.roomIdOf(room).isEmpty()) {
      registry.join(connection, room);
      return joined(room);
    }
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

  /**
   * Puts a connection into a room without asking its kind's join rule: the server's own assignments
   * (handshake parameters, F1.1; a public room's connection, F4.1).
   *
   * @throws RequestRejected INVALID_ROOM if no kind names the room, TOO_MANY_ROOMS
   */
  public void assign(Connection connection, String room) {
    kinds.require(room);
    requireRoomFor(connection, room);
    registry.join(connection, room);
  }

  /** Leaves a room by its wire name; leaving a room one is not in still succeeds. */
  public MembershipAck leave(Connection connection, String room, boolean rejoinOverview) {
    kinds.require(room);
    if (RoomNames.roomIdOf(room).isPresent()) {
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

  /** B3: a connection is in at most {@code maxRooms} rooms, the server-assigned ones included. */
  private void requireRoomFor(Connection connection, String room) {
    if (!registry.isMember(connection, room) && connection.rooms().size() >= maxRooms) {
      throw new RequestRejected(
          ErrorCode.TOO_MANY_ROOMS, "A connection may be in at most " + maxRooms + " rooms");
    }
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
