package dev.roomcast.presenter.control;

import dev.roomcast.connection.entity.Disconnected;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.RoomChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One presenter per room (F0.6): taking it, handing it back and losing it on disconnect each
 * broadcast {@code room:update {presenterSid}}.
 */
@ApplicationScoped
public class PresenterService {

  private RoomChanges changes;
  private final Map<String, Set<String>> roomsByPresenter = new ConcurrentHashMap<>();

  protected PresenterService() {}

  @Inject
  public PresenterService(RoomChanges changes) {
    this.changes = changes;
  }

  /** Makes the caller the presenter; refused while someone else presents. */
  public void take(String sid, String roomId) {
    changes.update(
        roomId,
        room -> {
          String current = room.metadata().presenterSid();
          if (current != null && !current.equals(sid)) {
            throw new RequestRejected(
                ErrorCode.PRESENTER_TAKEN, "Room " + roomId + " already has a presenter");
          }
          return room.withMetadata(room.metadata().withPresenterSid(sid));
        });
    roomsByPresenter.computeIfAbsent(sid, k -> ConcurrentHashMap.newKeySet()).add(roomId);
  }

  /** Hands the presenter role back; only the presenter may. */
  public void release(String sid, String roomId) {
    changes.update(
        roomId,
        room -> {
          if (!sid.equals(room.metadata().presenterSid())) {
            throw new RequestRejected(
                ErrorCode.NOT_PRESENTER, "You are not the presenter of room " + roomId);
          }
          return room.withMetadata(room.metadata().withPresenterSid(null));
        });
    forget(sid, roomId);
  }

  void onDisconnect(@Observes Disconnected event) {
    clearAll(event.sid());
  }

  /** Clears the connection as presenter wherever it presents; called on disconnect. */
  public void clearAll(String sid) {
    Set<String> rooms = roomsByPresenter.remove(sid);
    if (rooms == null) {
      return;
    }
    for (String roomId : List.copyOf(rooms)) {
      try {
        changes.update(
            roomId,
            room ->
                sid.equals(room.metadata().presenterSid())
                    ? room.withMetadata(room.metadata().withPresenterSid(null))
                    : room);
      } catch (RequestRejected e) {
        if (e.code() != ErrorCode.ROOM_NOT_FOUND) {
          throw e;
        }
      }
    }
  }

  private void forget(String sid, String roomId) {
    roomsByPresenter.computeIfPresent(
        sid,
        (k, rooms) -> {
          rooms.remove(roomId);
          return rooms.isEmpty() ? null : rooms;
        });
  }
}
