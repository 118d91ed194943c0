package dev.roomcast.rooms.control;

import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.StoredRoom;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The rooms port: rooms, the default room and the server-wide sequence, shared by every node. Each
 * room's numbered stream is the {@link HistoryStore}'s; presence, connection counts and public
 * users have their own stores in the components that own them. An in-memory and a Redis
 * implementation, chosen by configuration ({@link RoomStores}).
 *
 * <p>Every change is atomic per room and returns the room before and after, so callers can diff
 * without a second read racing another writer.
 */
public interface RoomStore {

  /** All rooms, in id order. */
  List<StoredRoom> rooms();

  Optional<StoredRoom> room(String id);

  /**
   * Adds a room.
   *
   * @throws dev.roomcast.protocol.entity.RequestRejected ROOM_EXISTS if the id is taken
   */
  RoomChange create(StoredRoom room);

  /**
   * Replaces a room by {@code change(current)} atomically. The function may throw {@link
   * dev.roomcast.protocol.entity.RequestRejected} to refuse; nothing is written then.
   *
   * @throws dev.roomcast.protocol.entity.RequestRejected ROOM_NOT_FOUND if there is no such room
   */
  RoomChange update(String id, UnaryOperator<StoredRoom> change);

  /**
   * Removes a room after {@code guard} accepted it (the guard may throw to refuse), and clears the
   * default room if it was this one.
   *
   * @throws dev.roomcast.protocol.entity.RequestRejected ROOM_NOT_FOUND if there is no such room
   */
  RoomChange delete(String id, Consumer<StoredRoom> guard);

  Optional<String> defaultRoomId();

  /**
   * Makes {@code id} the default room (null clears it) and returns the changes to the old and the
   * new default, in that order; empty if nothing changed.
   */
  List<RoomChange> setDefault(String id);
}
