package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which room a socket request is about, for every component's request handler: from the envelope's
 * {@code room}, or from {@code data.roomId} as seed 000 sends it, and whether the caller has joined
 * it.
 */
@ApplicationScoped
public class RoomTargets {

  @Inject RoomRegistry registry;

  /** The id of a {@code room:<id>} the caller must have joined. */
  public String memberRoomId(Connection connection, ClientEnvelope envelope, String dataRoomId) {
    String room = roomName(envelope, dataRoomId);
    requireMember(connection, room);
    return RoomNames.roomIdOf(room).orElseThrow();
  }

  /** {@code NOT_MEMBER} unless the caller has joined {@code room}. */
  public void requireMember(Connection connection, String room) {
    if (!registry.isMember(connection, room)) {
      throw new RequestRejected(ErrorCode.NOT_MEMBER, "Join " + room + " first");
    }
  }

  /** {@code room:<id>} from the envelope's room, or from {@code data.roomId}. */
  public static String roomName(ClientEnvelope envelope, String dataRoomId) {
    if (envelope.room() != null) {
      RoomNames.requireRoomId(envelope.room());
      return envelope.room();
    }
    if (dataRoomId == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Missing room (or data.roomId)");
    }
    return RoomNames.ofRoom(RoomNames.requireValidId(dataRoomId));
  }

  /** The envelope's {@code room}, which the request type requires. */
  public static String requireRoom(String room) {
    if (room == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Missing field: room");
    }
    return room;
  }
}
