package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.StoredRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Every metadata change goes through here: applied to the store and announced as one step, so the
 * diffs clients receive are in the order the changes were applied (two concurrent PATCHes must not
 * announce their diffs the other way round and leave clients with the older value).
 */
@ApplicationScoped
public class RoomChanges {

  private RoomStore store;
  private RoomEventService events;
  // metadata changes are rare next to room events; one monitor keeps them simple and ordered
  private final Object order = new Object();

  protected RoomChanges() {}

  @Inject
  public RoomChanges(RoomStore store, RoomEventService events) {
    this.store = store;
    this.events = events;
  }

  public RoomChange create(StoredRoom room) {
    return announce(room.id(), () -> store.create(room));
  }

  public RoomChange update(String id, UnaryOperator<StoredRoom> change) {
    return announce(id, () -> store.update(id, change));
  }

  public RoomChange delete(String id, Consumer<StoredRoom> guard) {
    return announce(id, () -> store.delete(id, guard));
  }

  /** Makes {@code id} the default room (null clears it); old and new default are announced. */
  public List<RoomChange> setDefault(String id) {
    synchronized (order) {
      String previous = store.defaultRoomId().orElse(null);
      return underLocks(
          previous,
          () ->
              underLocks(
                  id,
                  () -> {
                    List<RoomChange> changes = store.setDefault(id);
                    changes.forEach(events::publishChange);
                    return changes;
                  }));
    }
  }

  /**
   * Applies and announces while holding the room's publish lock too, so a join's snapshot, taken
   * under that lock, never shows a change whose event is still to come (F2.3).
   */
  private RoomChange announce(String roomId, Supplier<RoomChange> change) {
    synchronized (order) {
      return underLocks(
          roomId,
          () -> {
            RoomChange applied = change.get();
            events.publishChange(applied);
            return applied;
          });
    }
  }

  private <T> T underLocks(String roomId, Supplier<T> action) {
    return roomId == null ? action.get() : events.underRoomLock(RoomNames.ofRoom(roomId), action);
  }
}
