package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.protocol.entity.ServerPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The last step of every room event on this node, whichever way it was numbered: under the room's
 * lock, the one encoded frame is queued to each member of the room and of its aggregate rooms, or
 * kept back for a member whose join is reading the store ({@link HeldEvents}). The lock is what
 * keeps a room's events in sequence order for every member, and what a join takes to register
 * atomically with respect to them; it is striped, so rooms do not wait for each other, and it is
 * only ever held for in-memory work.
 */
@ApplicationScoped
public class RoomFanOut {

  private static final Logger LOG = Logger.getLogger(RoomFanOut.class.getName());
  private static final int STRIPES = 256;
  static final String FULL_REFRESH = "FULL_REFRESH_REQUIRED";

  private RoomRegistry registry;
  private RoomKinds kinds;
  private MessageCodec codec;
  private EventIds eventIds;
  private ServerSequence serverSequence;
  private Clock clock;
  private final Object[] stripes = new Object[STRIPES];
  // per room, the connections whose join or sync is reading the store right now; changed under the
  // room's lock
  private final Map<String, Map<Connection, HeldEvents>> holding = new ConcurrentHashMap<>();

  protected RoomFanOut() {
    initStripes();
  }

  @Inject
  public RoomFanOut(
      RoomRegistry registry,
      RoomKinds kinds,
      MessageCodec codec,
      EventIds eventIds,
      ServerSequence serverSequence) {
    this(registry, kinds, codec, eventIds, serverSequence, Clock.systemUTC());
  }

  public RoomFanOut(
      RoomRegistry registry,
      RoomKinds kinds,
      MessageCodec codec,
      EventIds eventIds,
      ServerSequence serverSequence,
      Clock clock) {
    this.registry = registry;
    this.kinds = kinds;
    this.codec = codec;
    this.eventIds = eventIds;
    this.serverSequence = serverSequence;
    this.clock = clock;
    initStripes();
  }

  private void initStripes() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /**
   * Runs {@code action} while no event can be handed to {@code room}'s members, so a join, its
   * snapshot and a replay are atomic with respect to the room's stream (F2.3, F2.6). In-memory work
   * only: whoever else needs the room waits for it.
   */
  public <T> T underRoomLock(String room, Supplier<T> action) {
    synchronized (stripes[Math.floorMod(room.hashCode(), STRIPES)]) {
      return action.get();
    }
  }

  /** Whether the room has a member of its own on this node (aggregate members do not count). */
  boolean hasMembers(String room) {
    return !registry.members(room).isEmpty();
  }

  /** The rooms with at least one member on this node. */
  Set<String> roomsWithMembers() {
    return registry.rooms();
  }

  /**
   * Hands one of the room's events, numbered {@code roomSeq}, to its members, or to the holds of
   * those reading a join. The caller holds the room's lock.
   */
  void send(String room, long roomSeq, OutboundFrame frame) {
    Collection<Connection> recipients = recipients(room);
    Map<Connection, HeldEvents> held = holding.get(room);
    for (Connection member : recipients) {
      HeldEvents waiting = held == null ? null : held.get(member);
      if (waiting != null) {
        waiting.add(roomSeq, frame);
      } else {
        member.send(frame);
      }
    }
  }

  /**
   * Hands an event to the room's recipients without tracking its place: for a room without members
   * of its own here, whose aggregate members only receive.
   */
  void sendUntracked(String room, OutboundFrame frame) {
    for (Connection member : recipients(room)) {
      member.send(frame);
    }
  }

  /**
   * Tells the members that the room's stream they followed is gone and a new one (epoch, at
   * roomSeq) took its place: one {@code sync:error FULL_REFRESH_REQUIRED} frame for all of them.
   * The caller holds the room's lock.
   */
  void tellStreamLost(String room, String epoch, long roomSeq) {
    Collection<Connection> recipients = recipients(room);
    LOG.warning(
        "room "
            + room
            + ": its stream was lost with the store and started over (epoch "
            + epoch
            + "); "
            + recipients.size()
            + " member(s) told to refresh");
    OutboundFrame notice =
        new OutboundFrame(
            codec.encode(
                new ServerEnvelope(
                    EventTypes.SYNC_ERROR,
                    null,
                    null,
                    serverSequence.latest(),
                    clock.millis(),
                    eventIds.next(),
                    new ServerPayload.SyncError(
                        room, FULL_REFRESH, "full refresh required", epoch, roomSeq))));
    Map<Connection, HeldEvents> held = holding.get(room);
    for (Connection member : recipients) {
      HeldEvents waiting = held == null ? null : held.get(member);
      if (waiting != null) {
        waiting.streamLost(notice);
      } else {
        member.send(notice);
      }
    }
  }

  /**
   * From now on the room's events for {@code connection} wait instead of going out, until {@link
   * #release}. The caller holds the room's lock.
   */
  void holdBack(String room, Connection connection) {
    holding.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(connection, new HeldEvents());
  }

  /** Stops holding the room's events for the connection and hands over what was held. */
  HeldEvents release(String room, Connection connection) {
    Map<Connection, HeldEvents> held = holding.get(room);
    HeldEvents events = held == null ? null : held.remove(connection);
    if (held != null && held.isEmpty()) {
      holding.remove(room);
    }
    return events == null ? new HeldEvents() : events;
  }

  /**
   * The members of {@code room} and of its aggregate rooms (F1.3), each connection once. The event
   * keeps its own room and number: an aggregate room's members see which room it came from, and a
   * connection in both rooms sees no duplicate and no gap in either sequence. Fan-out happens under
   * the source room's lock, so aggregate members get each room's events in order.
   */
  private Collection<Connection> recipients(String room) {
    List<String> aggregates = kinds.aggregatesOf(room);
    if (aggregates.isEmpty()) {
      return registry.members(room);
    }
    Set<Connection> union = new LinkedHashSet<>(registry.members(room));
    for (String aggregate : aggregates) {
      union.addAll(registry.members(aggregate));
    }
    return union;
  }
}
