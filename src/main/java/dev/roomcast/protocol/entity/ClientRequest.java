package dev.roomcast.protocol.entity;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The {@code data} of each client request type, bound from the envelope by the codec. Fields are
 * nullable; the service that handles a request says which it needs.
 */
public sealed interface ClientRequest {

  /** Requests without fields: {@code join:overview}, {@code lock:release}, ... */
  record Empty() implements ClientRequest {}

  /** {@code join:room} / generic {@code join}/{@code leave}: which room (F0.1). */
  record RoomRef(String roomId) implements ClientRequest {}

  /**
   * {@code join:overview}, {@code join:room}, {@code join}: which room, and optionally where the
   * client left off so the server resumes instead of sending only a snapshot (F2.3, F2.6).
   */
  record Join(String roomId, RoomPosition since) implements ClientRequest {}

  /** {@code sync:request}: replay what was missed in rooms the connection is in (F2.6). */
  record SyncRequest(java.util.Map<String, RoomPosition> rooms) implements ClientRequest {}

  /** {@code leave:room}: optionally re-join {@code overview:public} in the same step (F0.1). */
  record LeaveRoom(String roomId, Boolean rejoinOverview) implements ClientRequest {}

  /** {@code lock:acquire}: take the room's temporary lock (F0.5). */
  record LockAcquire(String roomId, String msg, String userName, Integer ttlSeconds)
      implements ClientRequest {}

  /** {@code lock:refresh}: extend the lock held by this connection (F0.5). */
  record LockRefresh(String roomId, Integer ttlSeconds) implements ClientRequest {}

  /** {@code lock:msg}: change the message of the lock held by this connection (F0.5). */
  record LockMessage(String roomId, String msg) implements ClientRequest {}

  /** {@code join-room} on a public room: be present as this anonymous user (F4.4, F4.6). */
  record JoinPresence(String userId, String userName) implements ClientRequest {}

  /** {@code leave-room} on a public room: stop being present (F4.4). */
  record LeavePresence(String userId) implements ClientRequest {}

  /** {@code client:update}: the client reports whether it is in use (F3.8). */
  record ClientUpdate(@JsonbProperty("isActive") Boolean isActive) implements ClientRequest {}

  /** A pass-through room event such as {@code frame_update} (F0.8): published as it came. */
  record RoomEvent(String type, JsonObject payload) implements ClientRequest {}
}
