package dev.roomcast.rooms.entity;

/**
 * A room before and after one atomic change; {@code before} is null for a created room and {@code
 * after} is null for a deleted one.
 */
public record RoomChange(StoredRoom before, StoredRoom after) {

  public boolean created() {
    return before == null && after != null;
  }

  public boolean deleted() {
    return before != null && after == null;
  }

  public String roomId() {
    return after != null ? after.id() : before.id();
  }
}
