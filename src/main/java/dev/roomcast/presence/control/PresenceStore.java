package dev.roomcast.presence.control;

import dev.roomcast.presence.entity.PresenceChange;
import dev.roomcast.presence.entity.PresentUser;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Who is present in which room (F4.4, F3.8); every change is atomic per room. */
public interface PresenceStore {

  /**
   * Adds one connection of a user; the user becomes an occupant with its first connection.
   *
   * @param joinedAt ISO-8601, used if the user was not present yet
   */
  PresenceChange enter(
      String room, String userId, String userName, String sid, boolean active, String joinedAt);

  /** Removes one connection; the user leaves with its last. Empty if it was not present. */
  Optional<PresenceChange> exit(String room, String userId, String sid);

  /** Removes a user with all its connections. Empty if it was not present. */
  Optional<PresenceChange> exitUser(String room, String userId);

  /** Records whether one connection is active; false if it is not present in the room. */
  boolean markActive(String room, String userId, String sid, boolean active);

  /** The users present in a room, by join time. */
  List<PresentUser> present(String room);

  /** How many users are present in a room. */
  int occupancy(String room);

  /** The rooms where someone is present; used to clean up after a dead node. */
  Set<String> presentRooms();

  /**
   * Keeps the presence of rooms with members on this node from expiring with their idle streams; a
   * store that never expires presence does nothing.
   */
  default void keepAlive(Collection<String> rooms) {}
}
