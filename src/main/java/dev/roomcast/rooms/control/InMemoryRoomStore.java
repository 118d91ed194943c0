package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.StoredRoom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The single-node store: everything in this JVM's heap, gone on restart. */
public class InMemoryRoomStore implements RoomStore {

  private final ConcurrentMap<String, StoredRoom> rooms = new ConcurrentHashMap<>();
  // the default room spans two rooms' records, so its changes are serialized on this monitor
  private final Object defaultMonitor = new Object();
  private volatile String defaultRoomId;

  @Override
  public List<StoredRoom> rooms() {
    List<StoredRoom> all = new ArrayList<>(rooms.values());
    all.sort(Comparator.comparing(StoredRoom::id));
    return all;
  }

  @Override
  public Optional<StoredRoom> room(String id) {
    return Optional.ofNullable(rooms.get(id));
  }

  @Override
  public RoomChange create(StoredRoom room) {
    if (rooms.putIfAbsent(room.id(), room) != null) {
      throw new RequestRejected(ErrorCode.ROOM_EXISTS, "Room " + room.id() + " already exists");
    }
    return new RoomChange(null, room);
  }

  @Override
  public RoomChange update(String id, UnaryOperator<StoredRoom> change) {
    StoredRoom[] before = new StoredRoom[1];
    StoredRoom after =
        rooms.computeIfPresent(
            id,
            (key, current) -> {
              before[0] = current;
              return change.apply(current);
            });
    if (after == null) {
      throw notFound(id);
    }
    return new RoomChange(before[0], after);
  }

  @Override
  public RoomChange delete(String id, Consumer<StoredRoom> guard) {
    synchronized (defaultMonitor) {
      StoredRoom[] removed = new StoredRoom[1];
      rooms.computeIfPresent(
          id,
          (key, current) -> {
            guard.accept(current);
            removed[0] = current;
            return null;
          });
      if (removed[0] == null) {
        throw notFound(id);
      }
      if (id.equals(defaultRoomId)) {
        defaultRoomId = null;
      }
      return new RoomChange(removed[0], null);
    }
  }

  @Override
  public Optional<String> defaultRoomId() {
    return Optional.ofNullable(defaultRoomId);
  }

  @Override
  public List<RoomChange> setDefault(String id) {
    synchronized (defaultMonitor) {
      if (id != null && !rooms.containsKey(id)) {
        throw notFound(id);
      }
      String previous = defaultRoomId;
      if (java.util.Objects.equals(previous, id)) {
        return List.of();
      }
      List<RoomChange> changes = new ArrayList<>(2);
      if (previous != null && rooms.containsKey(previous)) {
        changes.add(update(previous, r -> r.withMetadata(r.metadata().withDefault(false))));
      }
      if (id != null) {
        changes.add(update(id, r -> r.withMetadata(r.metadata().withDefault(true))));
      }
      defaultRoomId = id;
      return changes;
    }
  }

  private static RequestRejected notFound(String id) {
    return new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "Room " + id + " not found");
  }
}
