package dev.roomcast.connection.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which local connections are in which room. A room exists here only while it has members (F3.3).
 */
@ApplicationScoped
public class RoomRegistry {

  private final Map<String, Set<Connection>> members = new ConcurrentHashMap<>();

  /** Adds the connection to the room; false if it was already in it. */
  public boolean join(Connection connection, String room) {
    boolean[] added = new boolean[1];
    members.compute(
        room,
        (key, set) -> {
          Set<Connection> result = set == null ? ConcurrentHashMap.newKeySet() : set;
          added[0] = result.add(connection);
          return result;
        });
    if (added[0]) {
      connection.addRoom(room);
    }
    return added[0];
  }

  /** Removes the connection from the room; false if it was not in it. */
  public boolean leave(Connection connection, String room) {
    boolean[] removed = new boolean[1];
    members.computeIfPresent(
        room,
        (key, set) -> {
          removed[0] = set.remove(connection);
          return set.isEmpty() ? null : set;
        });
    connection.removeRoom(room);
    return removed[0];
  }

  /** Removes the connection from every room it is in, e.g. on disconnect. */
  public void leaveAll(Connection connection) {
    for (String room : List.copyOf(connection.rooms())) {
      leave(connection, room);
    }
  }

  /** The room's current members (a live view: iterate, do not keep). */
  public Collection<Connection> members(String room) {
    Set<Connection> set = members.get(room);
    return set == null ? List.of() : set;
  }

  /** The rooms with at least one member here, as a copy. */
  public Set<String> rooms() {
    return Set.copyOf(members.keySet());
  }

  public boolean isMember(Connection connection, String room) {
    return connection.rooms().contains(room);
  }

  /** Local member count per room. */
  public Map<String, Integer> occupancy() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    members.forEach((room, set) -> counts.put(room, set.size()));
    return counts;
  }
}
