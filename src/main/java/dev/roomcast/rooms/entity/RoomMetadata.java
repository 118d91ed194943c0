package dev.roomcast.rooms.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The one model of a room's metadata, shared by the REST API and the socket events (F0.2).
 *
 * <p>Nulls are written out so that a full snapshot and a diff that clears a field look the same on
 * the wire.
 */
@JsonbNillable
@JsonbPropertyOrder({
  "id",
  "description",
  "frameCount",
  "locked",
  "hidden",
  "isDefault",
  "metadataLocked",
  "presenterSid"
})
public record RoomMetadata(
    String id,
    String description,
    int frameCount,
    boolean locked,
    boolean hidden,
    @JsonbProperty("isDefault") boolean isDefault,
    LockMetadata metadataLocked,
    String presenterSid) {

  /** A new room as {@code POST /api/rooms} creates it. */
  public static RoomMetadata created(String id, String description, boolean hidden) {
    return new RoomMetadata(id, description, 0, false, hidden, false, null, null);
  }

  public RoomMetadata withDescription(String value) {
    return new RoomMetadata(
        id, value, frameCount, locked, hidden, isDefault, metadataLocked, presenterSid);
  }

  public RoomMetadata withFrameCount(int value) {
    return new RoomMetadata(
        id, description, value, locked, hidden, isDefault, metadataLocked, presenterSid);
  }

  public RoomMetadata withLocked(boolean value) {
    return new RoomMetadata(
        id, description, frameCount, value, hidden, isDefault, metadataLocked, presenterSid);
  }

  public RoomMetadata withHidden(boolean value) {
    return new RoomMetadata(
        id, description, frameCount, locked, value, isDefault, metadataLocked, presenterSid);
  }

  public RoomMetadata withDefault(boolean value) {
    return new RoomMetadata(
        id, description, frameCount, locked, hidden, value, metadataLocked, presenterSid);
  }

  public RoomMetadata withMetadataLocked(LockMetadata value) {
    return new RoomMetadata(
        id, description, frameCount, locked, hidden, isDefault, value, presenterSid);
  }

  public RoomMetadata withPresenterSid(String value) {
    return new RoomMetadata(
        id, description, frameCount, locked, hidden, isDefault, metadataLocked, value);
  }
}
