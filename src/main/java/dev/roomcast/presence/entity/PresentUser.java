package dev.roomcast.presence.entity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user present in a room; several connections (tabs) count as one occupant (F4.4).
 *
 * @param userId the user's id
 * @param userName the name shown to others
 * @param joinedAt when the user's first connection joined, ISO-8601
 * @param connections the user's connections in the room: sid to whether it is active (F3.8)
 */
public record PresentUser(
    String userId, String userName, String joinedAt, Map<String, Boolean> connections) {

  public PresentUser {
    connections = Map.copyOf(connections);
  }

  /** Whether any of the user's connections reports itself active. */
  public boolean anyActive() {
    return connections.containsValue(Boolean.TRUE);
  }

  public PresentUser withConnection(String sid, boolean active) {
    Map<String, Boolean> next = new LinkedHashMap<>(connections);
    next.put(sid, active);
    return new PresentUser(userId, userName, joinedAt, next);
  }

  public PresentUser withoutConnection(String sid) {
    Map<String, Boolean> next = new LinkedHashMap<>(connections);
    next.remove(sid);
    return new PresentUser(userId, userName, joinedAt, next);
  }
}
