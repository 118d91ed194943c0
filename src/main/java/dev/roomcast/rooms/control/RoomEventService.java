package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.rooms.entity.ClusterEvent;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.Numbered;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.StreamPosition;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes room events: numbers each one in its room's sequence and the server's, encodes it once,
 * and queues the same frame to every member. Metadata changes become {@code room:update} / {@code
 * room:delete} to {@code overview:public} and {@code room:<id>} (F0.4).
 */
@ApplicationScoped
public class RoomEventService {

  private static final Logger LOG = Logger.getLogger(RoomEventService.class.getName());
  private static final int STRIPES = 256;
  // deliveries only queue frames to outboxes: a few threads keep rooms apart, more would contend
  private static final int DELIVERY_THREADS =
      Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
  static final String FULL_REFRESH = "FULL_REFRESH_REQUIRED";
  private static final String SEQUENCE_PLACEHOLDER = "\"roomSeq\":0,\"serverSeq\":0,";

  private RoomStore store;
  private HistoryStore history;
  private RoomRegistry registry;
  private MessageCodec codec;
  private RoomDiff diff;
  private EventIds eventIds;
  private Clock clock;
  private RoomKinds kinds;
  private ServerSequence serverSequence;
  // numbering and queueing happen under one lock per room, so members see a room's events in
  // sequence order; striped so rooms do not wait for each other
  private final Object[] stripes = new Object[STRIPES];
  // cluster mode only: the distribution across nodes, and per room with local members the stream's
  // epoch and the last roomSeq delivered here; entries of rooms without members go (on delivery, or
  // by the sweeper)
  private volatile EventDistribution bus;
  private final Map<String, Followed> delivered = new ConcurrentHashMap<>();
  // cluster mode only: where received events wait for their room's turn
  private volatile DeliveryLanes lanes;
  // per room, the connections whose join or sync is reading the store right now: their events of
  // that room wait here instead of going out (see Subscriptions); changed under the room's lock
  private final Map<String, Map<Connection, HeldEvents>> holding = new ConcurrentHashMap<>();

  protected RoomEventService() {
    initStripes();
  }

  @Inject
  public RoomEventService(
      RoomStore store,
      HistoryStore history,
      RoomRegistry registry,
      MessageCodec codec,
      RoomDiff diff,
      EventIds eventIds,
      RoomKinds kinds,
      ServerSequence serverSequence) {
    this(store, history, registry, codec, diff, eventIds, Clock.systemUTC(), kinds, serverSequence);
  }

  /** With the room kinds bundled in the WAR, for unit tests. */
  public RoomEventService(
      RoomStore store,
      HistoryStore history,
      RoomRegistry registry,
      MessageCodec codec,
      RoomDiff diff,
      EventIds eventIds) {
    this(
        store,
        history,
        registry,
        codec,
        diff,
        eventIds,
        Clock.systemUTC(),
        RoomKinds.defaults(),
        new ServerSequence());
  }

  public RoomEventService(
      RoomStore store,
      HistoryStore history,
      RoomRegistry registry,
      MessageCodec codec,
      RoomDiff diff,
      EventIds eventIds,
      Clock clock,
      RoomKinds kinds,
      ServerSequence serverSequence) {
    this.kinds = kinds;
    this.serverSequence = serverSequence;
    this.store = store;
    this.history = history;
    this.registry = registry;
    this.codec = codec;
    this.diff = diff;
    this.eventIds = eventIds;
    this.clock = clock;
    initStripes();
  }

  private void initStripes() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /**
   * From now on, numbers and distributes events through Redis to every node (cluster mode); this
   * node delivers to its members what the bus hands back, in sequence order.
   */
  public void distributeVia(EventDistribution bus) {
    if (lanes == null) {
      lanes = new DeliveryLanes(DELIVERY_THREADS);
    }
    this.bus = bus;
  }

  @PreDestroy
  void stop() {
    DeliveryLanes current = lanes;
    if (current != null) {
      current.close();
    }
  }

  /** Publishes one event to every member of {@code room} and returns it as sent. */
  public ServerEnvelope publish(String room, String type, Object data) {
    EventDistribution cluster = bus;
    if (cluster != null) {
      return publishThroughCluster(cluster, room, type, data);
    }
    synchronized (stripes[Math.floorMod(room.hashCode(), STRIPES)]) {
      ServerEnvelope event =
          new ServerEnvelope(
              type,
              room,
              history.nextRoomSeq(room),
              store.nextServerSeq(),
              clock.millis(),
              eventIds.next(),
              data);
      OutboundFrame frame = new OutboundFrame(codec.encode(event));
      history.append(room, new HistoryEntry(event.roomSeq(), event.timestamp(), frame.text()));
      serverSequence.observe(event.serverSeq());
      send(room, event.roomSeq(), frame, recipients(room));
      return event;
    }
  }

  /**
   * The envelope is encoded once with placeholder numbers and split around them; Redis fills in the
   * real ones in the same step that records and publishes the event.
   */
  private ServerEnvelope publishThroughCluster(
      EventDistribution cluster, String room, String type, Object data) {
    long now = clock.millis();
    String eventId = eventIds.next();
    String template = codec.encode(new ServerEnvelope(type, room, 0L, 0L, now, eventId, data));
    int at = template.indexOf(SEQUENCE_PLACEHOLDER);
    Numbered numbers =
        cluster.publish(
            room,
            template.substring(0, at) + "\"roomSeq\":",
            ",\"serverSeq\":",
            template.substring(at + SEQUENCE_PLACEHOLDER.length() - 1),
            now);
    serverSequence.observe(numbers.serverSeq());
    return new ServerEnvelope(
        type, room, numbers.roomSeq(), numbers.serverSeq(), now, eventId, data);
  }

  /**
   * Cluster mode: delivers an event the bus handed back to this node's members of its room, in
   * {@code roomSeq} order. A gap (pub/sub lost messages while Redis blipped) is filled from history
   * first; an event already delivered (by a replay or a fill) is skipped; an event of another epoch
   * means the room's stream was lost (Redis flushed or restarted empty) and started over: the
   * members are told with {@code sync:error} before they get it, never left to miss the new
   * stream's first events.
   *
   * <p>Called on the one thread that receives every node's events, it only queues: each room's
   * events are delivered in the order received on its own lane ({@link DeliveryLanes}), rooms side
   * by side, so one room that waits holds up no other.
   */
  public void deliver(ClusterEvent event) {
    serverSequence.observe(event.serverSeq());
    DeliveryLanes current = lanes;
    if (current == null) {
      deliverNow(event);
    } else {
      current.submit(event.room(), () -> deliverNow(event));
    }
  }

  /**
   * Delivers one event on its room's lane. The room's lock is held for in-memory work only: when a
   * gap needs history, the lock is let go, history is read, and the check starts over (whoever
   * moved the room's position meanwhile, the entries read still cover what is missing after it).
   */
  private void deliverNow(ClusterEvent event) {
    String room = event.room();
    List<HistoryEntry> read = null;
    long readAfter = Long.MAX_VALUE;
    while (true) {
      long needAfter;
      synchronized (stripes[Math.floorMod(room.hashCode(), STRIPES)]) {
        Collection<Connection> recipients = recipients(room);
        if (registry.members(room).isEmpty()) {
          // only rooms with members of their own are followed; aggregate members just receive
          delivered.remove(room);
          send(event.frame(), recipients);
          return;
        }
        Followed last = delivered.get(room);
        boolean gap =
            last != null
                && last.epoch().equals(event.epoch())
                && event.roomSeq() > last.roomSeq() + 1;
        if (!gap || (read != null && readAfter <= last.roomSeq())) {
          if (last != null && !last.epoch().equals(event.epoch())) {
            streamLost(room, event.epoch(), event.roomSeq() - 1, recipients);
          } else if (last != null && event.roomSeq() <= last.roomSeq()) {
            return;
          } else if (gap) {
            fillGap(room, read, last.roomSeq(), event.roomSeq() - 1, recipients);
          }
          send(room, event.roomSeq(), new OutboundFrame(event.frame()), recipients);
          delivered.put(room, new Followed(event.epoch(), event.roomSeq()));
          return;
        }
        needAfter = last.roomSeq();
      }
      read = history.after(room, needAfter);
      readAfter = needAfter;
    }
  }

  /**
   * Cluster mode: after the subscription came back, delivers what was missed meanwhile, or tells
   * the members that their room's stream is gone if Redis lost it. Each room's catch-up is queued
   * on its lane, before any event received after the subscription came back.
   */
  public void catchUp() {
    for (String room : List.copyOf(delivered.keySet())) {
      onLane(room, () -> catchUpNow(room, true));
    }
  }

  /**
   * One room's catch-up: the stream's position and history are read without the room's lock, then
   * applied under it if the room's position is still the one they were read after.
   *
   * @param fill whether to deliver what history holds after the position (or only notice a lost
   *     stream)
   */
  private void catchUpNow(String room, boolean fill) {
    try {
      while (true) {
        Followed seen = delivered.get(room);
        if (seen == null) {
          return;
        }
        StreamPosition now = history.position(room);
        boolean sameStream = now.epoch().equals(seen.epoch());
        List<HistoryEntry> missed =
            sameStream && fill ? history.after(room, seen.roomSeq()) : List.of();
        synchronized (stripes[Math.floorMod(room.hashCode(), STRIPES)]) {
          Followed last = delivered.get(room);
          if (last == null || registry.members(room).isEmpty()) {
            delivered.remove(room);
            return;
          }
          if (!last.equals(seen)) {
            continue; // delivered or re-followed meanwhile: read again
          }
          if (!sameStream) {
            streamLost(room, now.epoch(), now.roomSeq(), recipients(room));
            delivered.put(room, new Followed(now.epoch(), now.roomSeq()));
          } else if (fill) {
            long reached = fillGap(room, missed, last.roomSeq(), Long.MAX_VALUE, recipients(room));
            delivered.put(room, new Followed(last.epoch(), reached));
          }
          return;
        }
      }
    } catch (RuntimeException e) {
      // the next resubscription or sweep tries again; the other rooms go on
      LOG.log(Level.WARNING, "catching up room " + room + " failed: " + e.getMessage());
    }
  }

  /**
   * Keeps the streams of the rooms with members here alive (they must not expire under them) and
   * checks, in cluster mode, that each is still the stream its members follow: one lost with a
   * quiet Redis flush is noticed here, not only with its next event.
   */
  public void keepStreamsAlive() {
    Set<String> rooms = registry.rooms();
    Map<String, String> epochs = history.keepAlive(rooms);
    if (bus == null) {
      return;
    }
    for (String room : rooms) {
      Followed last = delivered.get(room);
      if (last != null && !last.epoch().equals(epochs.get(room))) {
        onLane(room, () -> catchUpNow(room, false));
      }
    }
  }

  /**
   * Runs {@code work} on the room's lane, in order with its deliveries (directly without lanes).
   */
  private void onLane(String room, Runnable work) {
    DeliveryLanes current = lanes;
    if (current == null) {
      work.run();
    } else {
      current.submit(room, work);
    }
  }

  /** The rooms with at least one member on this node. */
  public Set<String> roomsWithMembers() {
    return registry.rooms();
  }

  /** Forgets the positions of rooms that have no member here any more. */
  public void dropUnfollowed() {
    for (String room : List.copyOf(delivered.keySet())) {
      synchronized (stripes[Math.floorMod(room.hashCode(), STRIPES)]) {
        if (registry.members(room).isEmpty()) {
          delivered.remove(room);
        }
      }
    }
  }

  /** Rooms whose positions this node follows (cluster mode). */
  public int followedRooms() {
    return delivered.size();
  }

  /**
   * Forgets the streams nobody used since {@code idleBeforeMillis}, of rooms without a member here,
   * each under its room's lock so that no join or event races the forgetting.
   *
   * @return how many were forgotten
   */
  public int forgetIdleStreams(long idleBeforeMillis) {
    int forgotten = 0;
    for (String room : history.idleStreams(idleBeforeMillis)) {
      synchronized (stripes[Math.floorMod(room.hashCode(), STRIPES)]) {
        if (registry.members(room).isEmpty() && history.forget(room, idleBeforeMillis)) {
          forgotten++;
        }
      }
    }
    return forgotten;
  }

  /**
   * The room's position as this node's members see it: the epoch and the roomSeq of the last event
   * delivered here, or the store's if this node follows no such room. Read it before the state it
   * goes with: a state newer than its position only repeats a diff, an older one would lose one.
   * Asks the store (without any lock) only for a room this node does not follow.
   */
  public RoomPosition position(String room) {
    if (bus != null) {
      Followed followed = delivered.get(room);
      if (followed != null) {
        return new RoomPosition(followed.roomSeq(), followed.epoch());
      }
    }
    return storePosition(room);
  }

  /** The store's position of the room's stream (creates the stream if there is none). */
  public RoomPosition storePosition(String room) {
    StreamPosition now = history.position(room);
    return new RoomPosition(now.roomSeq(), now.epoch());
  }

  /**
   * The last event handed to this node's members of {@code room}; empty if this node does not
   * follow the room (cluster mode). The caller holds the room's lock, so the next event a member
   * registered now gets is exactly roomSeq + 1. Never a Redis round trip: in single-node mode the
   * store is this node's memory, where numbering and handing out happen under the same lock.
   */
  Optional<RoomPosition> deliveredPosition(String room) {
    if (bus == null) {
      return Optional.of(storePosition(room));
    }
    return Optional.ofNullable(delivered.get(room))
        .map(followed -> new RoomPosition(followed.roomSeq(), followed.epoch()));
  }

  /**
   * Cluster mode: from now on this node follows {@code room} from {@code position}, read from the
   * store by a joiner; events up to it that still arrive are skipped. The caller holds the room's
   * lock and found the room unfollowed.
   */
  void follow(String room, RoomPosition position) {
    if (bus != null) {
      delivered.putIfAbsent(room, new Followed(position.epoch(), position.roomSeq()));
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
   * The last roomSeq delivered to this node's members of {@code room}, without asking the store, if
   * this node follows the room.
   */
  public Optional<Long> followedPosition(String room) {
    if (bus == null) {
      return Optional.of(history.currentRoomSeq(room));
    }
    return Optional.ofNullable(delivered.get(room)).map(Followed::roomSeq);
  }

  /**
   * Tells the members that the room's stream they followed is gone and a new one (epoch, at
   * roomSeq) took its place: one {@code sync:error FULL_REFRESH_REQUIRED} frame for all of them.
   */
  private void streamLost(
      String room, String epoch, long roomSeq, Collection<Connection> recipients) {
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

  /** Sends the {@code entries} (history read after at most {@code last}) from last + 1 to upTo. */
  private long fillGap(
      String room,
      List<HistoryEntry> entries,
      long last,
      long upTo,
      Collection<Connection> members) {
    long reached = last;
    for (HistoryEntry entry : entries) {
      if (entry.roomSeq() <= reached) {
        continue;
      }
      if (entry.roomSeq() > upTo) {
        break;
      }
      send(room, entry.roomSeq(), new OutboundFrame(entry.frame()), members);
      reached = entry.roomSeq();
    }
    if (reached < upTo && upTo != Long.MAX_VALUE) {
      LOG.warning(
          "room " + room + ": events " + (reached + 1) + ".." + upTo + " are gone from history");
    }
    return reached;
  }

  private static void send(String frame, Collection<Connection> members) {
    send(new OutboundFrame(frame), members);
  }

  private static void send(OutboundFrame frame, Collection<Connection> members) {
    for (Connection member : members) {
      member.send(frame);
    }
  }

  /** Hands one of the room's events to its recipients, or to the holds of those reading a join. */
  private void send(
      String room, long roomSeq, OutboundFrame frame, Collection<Connection> recipients) {
    Map<Connection, HeldEvents> held = holding.get(room);
    if (held == null) {
      send(frame, recipients);
      return;
    }
    for (Connection member : recipients) {
      HeldEvents waiting = held.get(member);
      if (waiting != null) {
        waiting.add(roomSeq, frame);
      } else {
        member.send(frame);
      }
    }
  }

  /**
   * Runs {@code action} while no event can be published into {@code room}, so a join, its snapshot
   * and a replay are atomic with respect to the room's stream (F2.3, F2.6).
   */
  public <T> T underRoomLock(String room, Supplier<T> action) {
    synchronized (stripes[Math.floorMod(room.hashCode(), STRIPES)]) {
      return action.get();
    }
  }

  /**
   * The members of {@code room} and of its aggregate rooms (F1.3), each connection once. The event
   * keeps its own room and number: an aggregate room's members see which room it came from, and a
   * connection in both rooms sees no duplicate and no gap in either sequence. Fan-out happens here,
   * under the source room's lock, so aggregate members get each room's events in order.
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

  /**
   * Announces a metadata change: the diff for an update, the full state for a creation, {@code
   * room:delete} for a deletion; nothing if no visible field changed.
   */
  public void publishChange(RoomChange change) {
    if (change.deleted()) {
      publishToBoth(
          change.roomId(), EventTypes.ROOM_DELETE, new ServerPayload.RoomDeleted(change.roomId()));
    } else if (change.created()) {
      publishToBoth(
          change.roomId(), EventTypes.ROOM_UPDATE, diff.created(change.after().metadata()));
    } else {
      Optional<JsonObject> changed =
          diff.between(change.before().metadata(), change.after().metadata());
      changed.ifPresent(fields -> publishToBoth(change.roomId(), EventTypes.ROOM_UPDATE, fields));
    }
  }

  /** A stream this node follows: its epoch and the last roomSeq delivered to its members. */
  private record Followed(String epoch, long roomSeq) {}

  private void publishToBoth(String roomId, String type, Object data) {
    publish(RoomNames.OVERVIEW, type, data);
    publish(RoomNames.ofRoom(roomId), type, data);
  }
}
