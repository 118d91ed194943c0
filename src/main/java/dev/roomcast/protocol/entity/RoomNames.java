package dev.roomcast.protocol.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/** How rooms are named on the wire: {@code overview:public} and {@code room:<id>}. */
public final class RoomNames {

  /** Everyone on the room list page: gets {@code room:update}/{@code room:delete} of every room. */
  public static final String OVERVIEW = "overview:public";

  private static final String ROOM_PREFIX = "room:";
  private static final Pattern ROOM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private RoomNames() {}

  /** The room of one connection (F3.2). */
  public static String ofClient(String sid) {
    return "client:" + sid;
  }

  /** The room of all of one user's connections (F3.2). */
  public static String ofUser(String userId) {
    return "user:" + userId;
  }

  public static String ofRoom(String roomId) {
    return ROOM_PREFIX + roomId;
  }

  /** The room id in {@code room:<id>}, if the name has that form. */
  public static Optional<String> roomIdOf(String name) {
    if (name != null && name.startsWith(ROOM_PREFIX)) {
      return Optional.of(name.substring(ROOM_PREFIX.length()));
    }
    return Optional.empty();
  }

  /**
   * The room id in a wire name that must be {@code room:<id>} with a valid id: the one check every
   * socket request naming a metadata room makes.
   *
   * @throws RequestRejected {@code INVALID_ROOM} for any other name or an invalid id
   */
  public static String requireRoomId(String name) {
    return requireValidId(
        roomIdOf(name)
            .orElseThrow(
                () ->
                    new RequestRejected(
                        ErrorCode.INVALID_ROOM, "Expected room:<id>, got " + name)));
  }

  /**
   * @return {@code roomId} when it is valid
   * @throws RequestRejected {@code INVALID_ROOM} otherwise
   */
  public static String requireValidId(String roomId) {
    if (!isValidId(roomId)) {
      throw new RequestRejected(ErrorCode.INVALID_ROOM, "Invalid room id: " + roomId);
    }
    return roomId;
  }

  /** Room ids: 1-128 letters, digits, '_', '.', '-'; starting with a letter or digit. */
  public static boolean isValidId(String roomId) {
    return roomId != null && ROOM_ID.matcher(roomId).matches();
  }
}
