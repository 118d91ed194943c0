package dev.roomcast.presence.control;

import dev.roomcast.connection.control.Closing;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.platform.control.NodeIdentity;
import dev.roomcast.presence.entity.PresenceChange;
import dev.roomcast.presence.entity.PresenceEvents;
import dev.roomcast.presence.entity.PresentUser;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.rooms.entity.PresenceMode;
import dev.roomcast.rooms.entity.SweepRound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Presence (F4.4, F3.8): a connection that joins a room whose kind tracks presence becomes present
 * as its user; the user's first connection publishes {@code user-joined}, its last one leaving
 * publishes {@code user-left}, both with the room's occupancy in distinct users. Kinds with batched
 * presence announce the same changes in {@code presence:diff} ({@link PresenceBatches}).
 */
@ApplicationScoped
public class PresenceService {

  private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());

  /** The sid under which a REST join (F4.6) makes a user present. */
  static final String REST_SID_PREFIX = "rest:";

  private PresenceStore store;
  private RoomEventService events;
  private RoomKinds kinds;
  private PresenceBatches batches;
  private Clock clock;

  protected PresenceService() {}

  @Inject
  public PresenceService(
      PresenceStore store, RoomEventService events, RoomKinds kinds, PresenceBatches batches) {
    this(store, events, kinds, batches, Clock.systemUTC());
  }

  public PresenceService(
      PresenceStore store,
      RoomEventService events,
      RoomKinds kinds,
      PresenceBatches batches,
      Clock clock) {
    this.store = store;
    this.events = events;
    this.kinds = kinds;
    this.batches = batches;
    this.clock = clock;
  }

  /** After a join on the main socket: present as the connection's own identity, if tracked. */
  public void joined(Connection connection, String room) {
    if (kinds.tracksPresence(room) && !connection.presence().containsKey(room)) {
      enter(connection, room, connection.identity().userId(), connection.identity().userName());
    }
  }

  /**
   * Makes the connection present in {@code room} as {@code userId}; a connection is one user per
   * room, so joining again as the same user changes nothing.
   *
   * @throws RequestRejected JOIN_ERROR if the connection is already present there as another user
   */
  public PresentUser enter(Connection connection, String room, String userId, String userName) {
    String already = connection.presence().get(room);
    if (already != null && !already.equals(userId)) {
      if (isPresent(room, already, connection.sid())) {
        throw new RequestRejected(
            ErrorCode.JOIN_ERROR, "This connection already joined " + room + " as " + already);
      }
      // its presence was ended without it (a REST leave of its user): it may join again
      connection.unmarkPresent(room);
    }
    PresenceChange change =
        store.enter(room, userId, userName, connection.sid(), connection.isActive(), now());
    connection.markPresent(room, userId);
    announceArrival(room, change);
    return change.user();
  }

  /**
   * The connection is no longer present in {@code room} (a leave, or its close).
   *
   * @throws RequestRejected STORE_UNAVAILABLE if the store cannot be reached; it stays present
   */
  public void left(Connection connection, String room) {
    String userId = connection.presence().get(room);
    if (userId != null) {
      // unmarked only once the store let it go, so a failed exit is retried by the next leave
      // or the close
      Optional<PresenceChange> change = store.exit(room, userId, connection.sid());
      connection.unmarkPresent(room);
      change.ifPresent(c -> announceDeparture(room, c));
    }
  }

  /**
   * {@code leave-room {userId}} on a public room: the connection stops being present.
   *
   * @throws RequestRejected INVALID_USER if it is present as someone else, LEAVE_ERROR if it is not
   *     present
   */
  public void leave(Connection connection, String room, String userId) {
    String presentAs = connection.presence().get(room);
    if (presentAs == null) {
      throw new RequestRejected(ErrorCode.LEAVE_ERROR, "Not joined to " + room);
    }
    if (!presentAs.equals(userId)) {
      throw new RequestRejected(
          ErrorCode.INVALID_USER, "This connection joined " + room + " as another user");
    }
    left(connection, room);
  }

  private boolean isPresent(String room, String userId, String sid) {
    return store.present(room).stream()
        .anyMatch(user -> user.userId().equals(userId) && user.connections().containsKey(sid));
  }

  /** A user present through REST (F4.6), with no socket of its own. */
  public PresentUser enterOverRest(String room, String userId, String userName) {
    PresenceChange change =
        store.enter(room, userId, userName, REST_SID_PREFIX + userId, false, now());
    announceArrival(room, change);
    return change.user();
  }

  /**
   * A user leaves over REST (F4.6): all its connections stop counting; its sockets stay open and in
   * the room, no longer present, and may {@code join-room} again. False if not present.
   */
  public boolean leaveOverRest(String room, String userId) {
    Optional<PresenceChange> change = store.exitUser(room, userId);
    change.ifPresent(c -> announceDeparture(room, c));
    return change.isPresent();
  }

  /** {@code client:update {isActive}} (F3.8): recorded for the connection in every room. */
  public void setActive(Connection connection, boolean active) {
    connection.setActive(active);
    for (Map.Entry<String, String> present : connection.presence().entrySet()) {
      store.markActive(present.getKey(), present.getValue(), connection.sid(), active);
    }
  }

  public PresenceEvents.PresenceList list(String room) {
    List<PresenceEvents.Member> members =
        store.present(room).stream().map(PresenceEvents.Member::of).toList();
    return new PresenceEvents.PresenceList(room, members.size(), members);
  }

  /**
   * Loads the departure event's class at start-up rather than at the first departure: on SIGTERM
   * Payara stops the application's class loader while the drain still releases this node's
   * presence, and a class first needed then cannot be loaded any more (it was not: a
   * NoClassDefFoundError for {@code UserLeft} left the presence to the survivors' dead-node check).
   */
  void loadDepartureEvent(@Observes @Initialized(ApplicationScoped.class) Object started) {
    String departure = PresenceEvents.UserLeft.class.getName();
    LOG.fine(() -> "departures are announced as " + departure);
  }

  /** The presence of rooms with members here lives as long as their streams (B12). */
  void keepAlive(@Observes SweepRound round) {
    store.keepAlive(round.roomsWithMembers());
  }

  void onClosing(@Observes Closing closing) {
    Connection connection = closing.connection();
    for (String room : List.copyOf(connection.presence().keySet())) {
      left(connection, room);
    }
  }

  private void announceArrival(String room, PresenceChange change) {
    if (change.occupantsChanged()) {
      PresentUser user = change.user();
      if (kinds.presenceOf(room) == PresenceMode.BATCHED) {
        batches.arrived(room, user);
        return;
      }
      events.publish(
          room,
          EventTypes.USER_JOINED,
          new PresenceEvents.UserJoined(
              user.userId(), user.userName(), user.joinedAt(), change.occupancy()));
    }
  }

  /**
   * Removes every connection of a dead node from presence, announcing {@code user-left} where a
   * user's last connection was there (B1).
   *
   * @return how many connections were removed
   */
  public int releaseNode(String node) {
    int removed = 0;
    for (String room : store.presentRooms()) {
      for (PresentUser user : store.present(room)) {
        for (String sid : user.connections().keySet()) {
          if (NodeIdentity.nodeOf(sid).equals(node)) {
            store
                .exit(room, user.userId(), sid)
                .ifPresent(change -> announceDeparture(room, change));
            removed++;
          }
        }
      }
    }
    // a draining node releases its own connections here: their departures go out before it stops
    batches.flushAll();
    return removed;
  }

  private void announceDeparture(String room, PresenceChange change) {
    if (change.occupantsChanged()) {
      if (kinds.presenceOf(room) == PresenceMode.BATCHED) {
        batches.departed(room, change.user().userId());
        return;
      }
      events.publish(
          room,
          EventTypes.USER_LEFT,
          new PresenceEvents.UserLeft(change.user().userId(), change.occupancy()));
    }
  }

  private String now() {
    return Instant.now(clock).toString();
  }
}
