package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.rooms.entity.OverviewSnapshot;
import dev.roomcast.rooms.entity.RoomState;
import dev.roomcast.rooms.entity.StoredRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a room's state is right now, and which sequence number it reflects (F2.3, F2.7, F3.4). The
 * position is read before the state, and a {@code room:<id>}'s both while none of its metadata
 * changes is half-way ({@link ChangeOrder}): the state then reflects every change numbered up to
 * the position and none after it that this node's members could still miss. None of it holds the
 * room's publish lock, so a slow store delays this answer only.
 */
@ApplicationScoped
public class RoomSnapshots {

  private RoomStore store;
  private HistoryStore history;
  private RoomEventService events;
  private ChangeOrder order;

  protected RoomSnapshots() {}

  @Inject
  public RoomSnapshots(
      RoomStore store, HistoryStore history, RoomEventService events, ChangeOrder order) {
    this.store = store;
    this.history = history;
    this.events = events;
    this.order = order;
  }

  /**
   * The room's state now, at the position this node's members are at; {@code ROOM_NOT_FOUND} for a
   * {@code room:<id>} that does not exist.
   */
  public RoomState current(String room) {
    return read(room, events::position);
  }

  /**
   * The room's state at the store's position of its stream, for a join: the joiner's answer goes
   * out at that position or at the one this node delivered up to, whichever is lower.
   */
  RoomState fromStore(String room) {
    return read(room, events::storePosition);
  }

  private RoomState read(String room, Function<String, RoomPosition> positionOf) {
    Optional<String> roomId = RoomNames.roomIdOf(room);
    if (roomId.isEmpty()) {
      return state(room, positionOf);
    }
    // a room that does not exist (or a bad name) gets no stream of its own
    snapshot(room);
    return order.reading(roomId.get(), () -> state(room, positionOf));
  }

  private RoomState state(String room, Function<String, RoomPosition> positionOf) {
    RoomPosition position = positionOf.apply(room);
    Object snapshot = snapshot(room);
    OptionalLong last = history.lastPublishedAt(room);
    return new RoomState(
        room,
        position.epoch(),
        position.roomSeq(),
        last.isPresent() ? last.getAsLong() : null,
        snapshot);
  }

  private Object snapshot(String room) {
    if (RoomNames.OVERVIEW.equals(room)) {
      // hidden rooms too: their changes go to overview:public like every room's, so a client
      // that builds its list from the snapshot and the diffs knows every room a diff names
      return new OverviewSnapshot(store.rooms().stream().map(StoredRoom::metadata).toList());
    }
    if (RoomNames.roomIdOf(room).isEmpty()) {
      return null; // rooms of other kinds (job:, user:, ...) have no state of their own
    }
    String roomId = RoomNames.requireRoomId(room);
    return store
        .room(roomId)
        .map(StoredRoom::metadata)
        .orElseThrow(() -> RoomService.notFound(roomId));
  }
}
