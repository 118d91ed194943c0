package dev.roomcast.cluster.control;

import dev.roomcast.platform.control.NodeIdentity;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.RoomChanges;
import dev.roomcast.rooms.control.RoomStore;
import dev.roomcast.rooms.entity.RoomMetadata;
import dev.roomcast.rooms.entity.StoredRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Releases what the connections of a node held: temporary locks and presenter roles, each with the
 * usual {@code room:update}, and presence ({@code user-left}), exactly as if those connections had
 * closed. Survivors run it for a dead node; a node that drains runs it for itself (B6).
 */
@ApplicationScoped
public class DeadNodeCleanup {

  private static final Logger LOG = Logger.getLogger(DeadNodeCleanup.class.getName());

  private RoomStore store;
  private RoomChanges changes;
  private PresenceService presence;

  protected DeadNodeCleanup() {}

  @Inject
  public DeadNodeCleanup(RoomStore store, RoomChanges changes, PresenceService presence) {
    this.store = store;
    this.changes = changes;
    this.presence = presence;
  }

  /**
   * Clears every lock and presenter role held by a connection of {@code deadNode}, and its
   * connections' presence.
   *
   * @throws RuntimeException when the store fails half-way (what is released stays released)
   */
  public int release(String deadNode) {
    int left = presence.releaseNode(deadNode);
    int released = 0;
    for (StoredRoom room : store.rooms()) {
      if (heldBy(room, deadNode)) {
        try {
          changes.update(room.id(), current -> withoutNode(current, deadNode));
          released++;
        } catch (RequestRejected e) {
          if (e.code() != ErrorCode.ROOM_NOT_FOUND) {
            throw e;
          }
        }
      }
    }
    LOG.info(
        "node "
            + deadNode
            + " gone"
            + ": released "
            + released
            + " room(s) it held and "
            + left
            + " presence entries");
    return released;
  }

  private static boolean heldBy(StoredRoom room, String node) {
    return (room.lockHold() != null && ownedBy(room.lockHold().holderSid(), node))
        || ownedBy(room.metadata().presenterSid(), node);
  }

  private static StoredRoom withoutNode(StoredRoom room, String node) {
    StoredRoom result = room;
    if (room.lockHold() != null && ownedBy(room.lockHold().holderSid(), node)) {
      result = result.withLock(null, null);
    }
    RoomMetadata metadata = result.metadata();
    if (ownedBy(metadata.presenterSid(), node)) {
      result = result.withMetadata(metadata.withPresenterSid(null));
    }
    return result;
  }

  private static boolean ownedBy(String sid, String node) {
    return sid != null && NodeIdentity.nodeOf(sid).equals(node);
  }
}
