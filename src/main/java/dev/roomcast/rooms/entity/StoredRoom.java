package dev.roomcast.rooms.entity;

/**
 * A room as the store keeps it: the public metadata plus the lock's server-side half.
 *
 * @param metadata what clients see
 * @param lockHold who holds the temporary lock and until when, or null when unlocked
 */
public record StoredRoom(RoomMetadata metadata, LockHold lockHold) {

  public static StoredRoom of(RoomMetadata metadata) {
    return new StoredRoom(metadata, null);
  }

  public StoredRoom withMetadata(RoomMetadata value) {
    return new StoredRoom(value, lockHold);
  }

  /** Sets or clears (both arguments null) the temporary lock. */
  public StoredRoom withLock(LockMetadata shown, LockHold hold) {
    return new StoredRoom(metadata.withMetadataLocked(shown), hold);
  }

  public String id() {
    return metadata.id();
  }
}
