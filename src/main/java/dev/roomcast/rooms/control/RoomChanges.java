package dev.roomcast.rooms.control;

import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.StoredRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Every metadata change goes through here: applied to the store and announced as one step under its
 * room's {@link ChangeOrder} lock, so the diffs clients receive are in the order the changes were
 * applied (two concurrent PATCHes must not announce their diffs the other way round and leave
 * clients with the older value). Only changes of the same room wait for each other: the store write
 * and the announcement may be Redis round trips, and no other room, no event delivery and no
 * publish waits on that lock.
 */
@ApplicationScoped
public class RoomChanges {

  private RoomStore store;
  private RoomEventService events;
  private ChangeOrder order;

  protected RoomChanges() {}

  @Inject
  public RoomChanges(RoomStore store, RoomEventService events, ChangeOrder order) {
    this.store = store;
    this.events = events;
    this.order = order;
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

  /**
   * Makes {@code id} the default room (null clears it); old and new default are announced. Both
   * rooms' locks are held; the old default is read first and checked again under them, since
   * another change may move the default in between.
   */
  public List<RoomChange> setDefault(String id) {
    while (true) {
      String previous = store.defaultRoomId().orElse(null);
      List<RoomChange> changes =
          order.applying(
              Arrays.asList(previous, id),
              () -> {
                if (!Objects.equals(previous, store.defaultRoomId().orElse(null))) {
                  return null;
                }
                List<RoomChange> applied = store.setDefault(id);
                applied.forEach(events::publishChange);
                return applied;
              });
      if (changes != null) {
        return changes;
      }
    }
  }

  private RoomChange announce(String roomId, Supplier<RoomChange> change) {
    return order.applying(
        roomId,
        () -> {
          RoomChange applied = change.get();
          events.publishChange(applied);
          return applied;
        });
  }
}
