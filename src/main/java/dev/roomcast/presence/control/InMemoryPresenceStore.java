package dev.roomcast.presence.control;

import dev.roomcast.presence.entity.PresenceChange;
import dev.roomcast.presence.entity.PresentUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Presence in this JVM's heap; each room's map is changed under that room's entry lock. */
public class InMemoryPresenceStore implements PresenceStore {

  private final Map<String, Map<String, PresentUser>> rooms = new ConcurrentHashMap<>();

  @Override
  public PresenceChange enter(
      String room, String userId, String userName, String sid, boolean active, String joinedAt) {
    PresenceChange[] result = new PresenceChange[1];
    rooms.compute(
        room,
        (key, users) -> {
          Map<String, PresentUser> next = users == null ? new LinkedHashMap<>() : users;
          PresentUser before = next.get(userId);
          PresentUser after =
              (before == null ? new PresentUser(userId, userName, joinedAt, Map.of()) : before)
                  .withConnection(sid, active);
          next.put(userId, after);
          result[0] = new PresenceChange(before == null, after, next.size());
          return next;
        });
    return result[0];
  }

  @Override
  public Optional<PresenceChange> exit(String room, String userId, String sid) {
    PresenceChange[] result = new PresenceChange[1];
    rooms.computeIfPresent(
        room,
        (key, users) -> {
          PresentUser before = users.get(userId);
          if (before == null || !before.connections().containsKey(sid)) {
            return users;
          }
          PresentUser after = before.withoutConnection(sid);
          if (after.connections().isEmpty()) {
            users.remove(userId);
            result[0] = new PresenceChange(true, before, users.size());
          } else {
            users.put(userId, after);
            result[0] = new PresenceChange(false, after, users.size());
          }
          return users.isEmpty() ? null : users;
        });
    return Optional.ofNullable(result[0]);
  }

  @Override
  public Optional<PresenceChange> exitUser(String room, String userId) {
    PresenceChange[] result = new PresenceChange[1];
    rooms.computeIfPresent(
        room,
        (key, users) -> {
          PresentUser before = users.remove(userId);
          if (before != null) {
            result[0] = new PresenceChange(true, before, users.size());
          }
          return users.isEmpty() ? null : users;
        });
    return Optional.ofNullable(result[0]);
  }

  @Override
  public boolean markActive(String room, String userId, String sid, boolean active) {
    boolean[] marked = new boolean[1];
    rooms.computeIfPresent(
        room,
        (key, users) -> {
          PresentUser user = users.get(userId);
          if (user != null && user.connections().containsKey(sid)) {
            users.put(userId, user.withConnection(sid, active));
            marked[0] = true;
          }
          return users;
        });
    return marked[0];
  }

  @Override
  public List<PresentUser> present(String room) {
    List<PresentUser> users = new ArrayList<>();
    rooms.computeIfPresent(
        room,
        (key, current) -> {
          users.addAll(current.values());
          return current;
        });
    users.sort(Comparator.comparing(PresentUser::joinedAt));
    return users;
  }

  @Override
  public int occupancy(String room) {
    int[] size = new int[1];
    // read under the room's bin lock, as every change is made
    rooms.computeIfPresent(
        room,
        (key, current) -> {
          size[0] = current.size();
          return current;
        });
    return size[0];
  }

  @Override
  public Set<String> presentRooms() {
    return Set.copyOf(rooms.keySet());
  }
}
