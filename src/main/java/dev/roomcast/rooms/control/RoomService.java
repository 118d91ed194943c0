package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.rooms.entity.Published;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.RoomMetadata;
import dev.roomcast.rooms.entity.RoomsAt;
import dev.roomcast.rooms.entity.StoredRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Room metadata operations (F0.3, F0.7, F0.8): every change goes through the store atomically and
 * is announced as a diff. A permanently {@code locked} room refuses changes.
 */
@ApplicationScoped
public class RoomService {

  private RoomStore store;
  private RoomChanges changes;
  private RoomEventService events;
  private PassThroughEvents passThrough;
  private Coalescer coalescer;

  protected RoomService() {}

  @Inject
  public RoomService(
      RoomStore store,
      RoomChanges changes,
      RoomEventService events,
      PassThroughEvents passThrough,
      Coalescer coalescer) {
    this.store = store;
    this.changes = changes;
    this.events = events;
    this.passThrough = passThrough;
    this.coalescer = coalescer;
  }

  public List<RoomMetadata> list(boolean includeHidden) {
    return store.rooms().stream()
        .map(StoredRoom::metadata)
        .filter(r -> includeHidden || !r.hidden())
        .toList();
  }

  /**
   * The list and the {@code overview:public} position it reflects. The position first: with Redis
   * another node may change rooms meanwhile, and a list newer than its position only repeats a
   * diff, while an older one would lose one. No lock: the list may take a Redis round trip.
   */
  public RoomsAt listAt(boolean includeHidden) {
    RoomPosition position = events.position(RoomNames.OVERVIEW);
    return new RoomsAt(list(includeHidden), position);
  }

  public RoomMetadata get(String id) {
    return store.room(id).map(StoredRoom::metadata).orElseThrow(() -> notFound(id));
  }

  public Optional<RoomMetadata> find(String id) {
    return store.room(id).map(StoredRoom::metadata);
  }

  public RoomMetadata create(CreateRoom request) {
    if (request == null || !RoomNames.isValidId(request.id())) {
      throw new RequestRejected(
          ErrorCode.INVALID_ROOM,
          "Room id must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or"
              + " digit");
    }
    RoomMetadata room =
        RoomMetadata.created(
                request.id(), request.description(), Boolean.TRUE.equals(request.hidden()))
            .withLocked(Boolean.TRUE.equals(request.locked()));
    changes.create(StoredRoom.of(room));
    return room;
  }

  /**
   * Applies a partial update: {@code description} (string or null), {@code locked}, {@code hidden},
   * {@code isDefault} (booleans). A locked room accepts it only if it also unlocks.
   */
  public RoomMetadata update(String id, JsonObject patch) {
    for (String field : patch.keySet()) {
      if (!List.of("description", "locked", "hidden", "isDefault").contains(field)) {
        throw new RequestRejected(
            ErrorCode.INVALID_REQUEST, "Unknown or read-only field: " + field);
      }
    }
    Optional<String> description = textOrNull(patch, "description");
    Optional<Boolean> locked = bool(patch, "locked");
    Optional<Boolean> hidden = bool(patch, "hidden");
    Optional<Boolean> isDefault = bool(patch, "isDefault");
    boolean unlocks = locked.isPresent() && !locked.get();
    changes.update(
        id,
        room -> {
          if (room.metadata().locked() && !unlocks) {
            throw locked(id);
          }
          RoomMetadata next = room.metadata();
          if (patch.containsKey("description")) {
            next = next.withDescription(description.orElse(null));
          }
          if (locked.isPresent()) {
            next = next.withLocked(locked.get());
          }
          if (hidden.isPresent()) {
            next = next.withHidden(hidden.get());
          }
          return room.withMetadata(next);
        });
    if (isDefault.isPresent()) {
      if (isDefault.get()) {
        setDefault(id);
      } else if (store.defaultRoomId().filter(id::equals).isPresent()) {
        setDefault(null);
      }
    }
    return get(id);
  }

  public void delete(String id) {
    changes.delete(
        id,
        room -> {
          if (room.metadata().locked()) {
            throw locked(id);
          }
        });
  }

  /** Makes {@code id} the default room (null clears it): one update for each room that changed. */
  public void setDefault(String id) {
    if (id != null && store.room(id).isEmpty()) {
      throw notFound(id);
    }
    changes.setDefault(id);
  }

  public Optional<String> defaultRoomId() {
    return store.defaultRoomId();
  }

  /** Appends ({@code delta > 0}) or removes ({@code delta < 0}) frames (F0.7). */
  public RoomMetadata changeFrameCount(String id, int delta) {
    RoomChange change =
        changes.update(
            id,
            room -> {
              RoomMetadata meta = room.metadata();
              if (meta.locked()) {
                throw locked(id);
              }
              long next = (long) meta.frameCount() + delta;
              if (next < 0 || next > Integer.MAX_VALUE) {
                throw new RequestRejected(
                    ErrorCode.INVALID_REQUEST,
                    "Room "
                        + id
                        + " has "
                        + meta.frameCount()
                        + " frames; cannot change by "
                        + delta);
              }
              return room.withMetadata(meta.withFrameCount((int) next));
            });
    return change.after().metadata();
  }

  /** Publishes a pass-through event into {@code room:<id>} (F0.8). */
  public Published publishEvent(String roomId, String type, JsonObject data) {
    if (type == null || !passThrough.allows(type)) {
      throw new RequestRejected(
          ErrorCode.UNKNOWN_TYPE,
          "Event type " + type + " is not publishable; allowed: " + passThrough.patterns());
    }
    if (store.room(roomId).isEmpty()) {
      throw notFound(roomId);
    }
    String room = RoomNames.ofRoom(roomId);
    Object payload = data == null ? JsonValue.EMPTY_JSON_OBJECT : data;
    if (coalescer.coalesces(type)) {
      return coalescer
          .publish(room, type, payload)
          .map(RoomService::published)
          .orElse(new Published(room, null, null, null, true));
    }
    return published(events.publish(room, type, payload));
  }

  private static Published published(ServerEnvelope sent) {
    return new Published(sent.room(), sent.roomSeq(), sent.serverSeq(), sent.eventId(), false);
  }

  private static Optional<String> textOrNull(JsonObject patch, String field) {
    JsonValue value = patch.get(field);
    if (value == null || value == JsonValue.NULL) {
      return Optional.empty();
    }
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, field + " must be a string or null");
    }
    return Optional.of(patch.getString(field));
  }

  private static Optional<Boolean> bool(JsonObject patch, String field) {
    JsonValue value = patch.get(field);
    if (value == null) {
      return Optional.empty();
    }
    Map<JsonValue.ValueType, Boolean> booleans =
        Map.of(JsonValue.ValueType.TRUE, true, JsonValue.ValueType.FALSE, false);
    Boolean result = booleans.get(value.getValueType());
    if (result == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, field + " must be true or false");
    }
    return Optional.of(result);
  }

  static RequestRejected notFound(String id) {
    return new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "Room " + id + " not found");
  }

  static RequestRejected locked(String id) {
    return new RequestRejected(
        ErrorCode.ROOM_LOCKED, "Room " + id + " is permanently locked; unlock it first");
  }
}
