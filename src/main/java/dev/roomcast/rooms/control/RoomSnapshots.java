package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.rooms.entity.OverviewSnapshot;
import dev.roomcast.rooms.entity.RoomState;
import dev.roomcast.rooms.entity.StoredRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;

/**
 * What a room's state is right now, and which sequence number it reflects (F2.3, F2.7, F3.4): read
 * under the room's publish lock, so no event is half-way between the snapshot and the stream.
 */
@ApplicationScoped
public class RoomSnapshots {

  private RoomStore store;
  private HistoryStore history;
  private RoomEventService events;

  protected RoomSnapshots() {}

  @Inject
  public RoomSnapshots(RoomStore store, HistoryStore history, RoomEventService events) {
    this.store = store;
    this.history = history;
    this.events = events;
  }

  /** The room's state now; {@code ROOM_NOT_FOUND} for a {@code room:<id>} that does not exist. */
  public RoomState current(String room) {
    return events.underRoomLock(room, () -> stateUnlocked(room));
  }

  /** Like {@link #current} but for a caller that already holds the room's lock. */
  RoomState stateUnlocked(String room) {
    if (RoomNames.roomIdOf(room).isPresent()) {
      // a room that does not exist (or a bad name) gets no stream of its own
      snapshot(room);
    }
    // the position before the state: see RoomService.listAt
    RoomPosition position = events.position(room);
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
    String roomId = Subscriptions.roomIdOf(room);
    return store
        .room(roomId)
        .map(StoredRoom::metadata)
        .orElseThrow(() -> RoomService.notFound(roomId));
  }
}
