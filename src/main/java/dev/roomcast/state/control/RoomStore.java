package dev.roomcast.state.control;

import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.StoredRoom;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * All state roomcast shares between nodes: rooms, the default room, the sequence numbers, and
 * (through the sub-interfaces) each room's history, presence, per-IP connection counts and public
 * users. One interface, an in-memory and a Redis implementation, chosen by configuration.
 *
 * <p>Every change is atomic per room and returns the room before and after, so callers can diff
 * without a second read racing another writer.
 */
public interface RoomStore
    extends HistoryStore, PresenceStore, ConnectionLimitStore, PublicUserStore {

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

  /** Allocates the next server-wide sequence number. */
  long nextServerSeq();

  /** The last server-wide sequence number allocated. */
  long currentServerSeq();
}
