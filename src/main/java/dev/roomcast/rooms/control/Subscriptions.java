package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.protocol.entity.ServerPayload.MembershipAck;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.RoomState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rooms a connection follows, switched over one socket (F0.1): the room list page follows
 * {@code overview:public}, a room page follows {@code room:<id>}, and joining a room leaves the
 * overview. A join answers with the room's snapshot and the sequence it reflects (F2.3) and, when
 * the client says where it left off, replays what it missed (F2.6).
 */
@ApplicationScoped
public class Subscriptions {

  static final String FULL_REFRESH = RoomEventService.FULL_REFRESH;

  private RoomRegistry registry;
  private HistoryStore store;
  private RoomEventService events;
  private RoomFanOut fanOut;
  private RoomSnapshots snapshots;
  private Replies replies;
  private RoomKinds kinds;
  private ServerSequence serverSequence;
  private int maxRooms;

  protected Subscriptions() {}

  @Inject
  public Subscriptions(
      RoomRegistry registry,
      HistoryStore store,
      RoomEventService events,
      RoomFanOut fanOut,
      RoomSnapshots snapshots,
      Replies replies,
      RoomKinds kinds,
      ServerSequence serverSequence,
      Settings settings) {
    this(
        registry,
        store,
        events,
        fanOut,
        snapshots,
        replies,
        kinds,
        serverSequence,
        settings.maxRoomsPerConnection());
  }

  public Subscriptions(
      RoomRegistry registry,
      HistoryStore store,
      RoomEventService events,
      RoomFanOut fanOut,
      RoomSnapshots snapshots,
      Replies replies,
      RoomKinds kinds,
      ServerSequence serverSequence,
      int maxRooms) {
    this.serverSequence = serverSequence;
    this.registry = registry;
    this.store = store;
    this.events = events;
    this.fanOut = fanOut;
    this.snapshots = snapshots;
    this.replies = replies;
    this.kinds = kinds;
    this.maxRooms = maxRooms;
  }

  /**
   * Joins a room by its wire name ({@code overview:public} or {@code room:<id>}) and sends the
   * {@code ack:join}: with {@code since}, preceded by {@code sync:error} if the missed events are
   * gone, or followed by them if not (then the ack's roomSeq is {@code since}'s and the first
   * replayed event has roomSeq + 1, like the first live event after a fresh join).
   *
   * <p>The room's publish lock is taken twice, each time for in-memory work only; the store is read
   * between the two, so a slow store delays this join and nothing else. Why this is gap-free and
   * duplicate-free: the first time, the connection becomes a member and its events of this room
   * start being held back ({@link HeldEvents}): every event handed to this node's members from then
   * on is either held or still to come, in roomSeq order. The store is read only after that, so the
   * position read ({@code P}) is at least the one delivered here at registration, and the snapshot,
   * read after the position, reflects every change numbered up to {@code P}. The second time, the
   * node's delivered position {@code D} is known: the answer stands at {@code min(P, D)} (a
   * snapshot newer than that only repeats a diff, never misses one), and the held events after it
   * follow the answer; live events resume after {@code D}. A resume replays history and then the
   * held events, {@code since + 1 .. D} without a hole. If the stream was lost meanwhile (another
   * epoch), the answer is the position delivered here and a {@code sync:error}, as after any lost
   * stream.
   *
   * @return the ack that was sent
   */
  public MembershipAck join(Connection connection, String room, RoomPosition since) {
    kinds.requireJoinable(room, connection.identity());
    if (connection.isPublic()) {
      throw new RequestRejected(
          ErrorCode.FORBIDDEN, "A /public-room connection stays in its own room");
    }
    requireRoomFor(connection, room);
    boolean metadataRoom = RoomNames.roomIdOf(room).isPresent();
    if (metadataRoom) {
      RoomNames.requireRoomId(room);
    }
    boolean wasMember =
        fanOut.underRoomLock(
            room,
            () -> {
              fanOut.holdBack(room, connection);
              return !registry.join(connection, room);
            });
    RoomState state;
    List<HistoryEntry> history;
    try {
      state = snapshots.fromStore(room);
      history =
          since != null && resumable(since, new RoomPosition(state.roomSeq(), state.epoch()))
              ? store.after(room, since.roomSeq())
              : List.of();
    } catch (RuntimeException e) {
      fanOut.underRoomLock(
          room,
          () -> {
            HeldEvents held = fanOut.release(room, connection);
            if (wasMember) {
              sendLive(connection, held.all());
            } else {
              registry.leave(connection, room);
            }
            return null;
          });
      throw e;
    }
    return fanOut.underRoomLock(
        room,
        () -> {
          HeldEvents held = fanOut.release(room, connection);
          RoomPosition local = deliveredPosition(room, state, held);
          if (metadataRoom) {
            registry.leave(connection, RoomNames.OVERVIEW);
          }
          boolean inStep = inStep(state, local, held);
          Optional<List<String>> missed =
              since == null || !inStep ? Optional.empty() : missed(since, local, history, held);
          long at = inStep ? Math.min(state.roomSeq(), local.roomSeq()) : local.roomSeq();
          if (since != null && missed.isEmpty() || !inStep) {
            if (!inStep && wasMember) {
              sendLive(connection, held.all());
            }
            replies.send(
                connection,
                EventTypes.SYNC_ERROR,
                refresh(room, new RoomPosition(at, local.epoch())));
          }
          boolean resumed = missed.isPresent();
          // resumed: the client keeps its state at since and the replay starts at since + 1, so
          // the ack says since and carries no snapshot (one newer than the replay would mislead)
          MembershipAck ack =
              new MembershipAck(
                  room,
                  true,
                  serverSequence.latest(),
                  resumed ? since.roomSeq() : at,
                  local.epoch(),
                  resumed,
                  resumed ? null : state.snapshot(),
                  resumed ? "Resumed" : "Successfully joined room",
                  null);
          replies.send(connection, EventTypes.ACK_JOIN, ack);
          if (resumed) {
            connection.replay(missed.get());
          } else if (inStep) {
            sendLive(connection, held.after(at));
          }
          return ack;
        });
  }

  /**
   * Answers {@code sync:request} (F2.6): per room the missed events in order, or {@code
   * sync:error}; then one {@code sync:complete} with each room's latest position. History is read
   * without the room's lock, the connection's live events of the room held back meanwhile (see
   * {@link #join}), so the replay reaches exactly the position delivered here when it is sent.
   */
  public Map<String, Object> sync(Connection connection, Map<String, RoomPosition> rooms) {
    if (rooms == null || rooms.isEmpty()) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST, "sync:request needs rooms: {\"<room>\": {roomSeq, epoch}}");
    }
    Map<String, Object> reached = new LinkedHashMap<>();
    for (Map.Entry<String, RoomPosition> request : rooms.entrySet()) {
      String room = request.getKey();
      RoomPosition since = request.getValue();
      if (!registry.isMember(connection, room)) {
        replies.send(
            connection,
            EventTypes.SYNC_ERROR,
            new ServerPayload.SyncError(
                room, ErrorCode.NOT_MEMBER.name(), "Join " + room + " first", null, null));
        continue;
      }
      fanOut.underRoomLock(
          room,
          () -> {
            fanOut.holdBack(room, connection);
            return null;
          });
      RoomPosition read;
      List<HistoryEntry> history;
      try {
        read = events.storePosition(room);
        history = resumable(since, read) ? store.after(room, since.roomSeq()) : List.of();
      } catch (RuntimeException e) {
        fanOut.underRoomLock(
            room,
            () -> {
              sendLive(connection, fanOut.release(room, connection).all());
              return null;
            });
        throw e;
      }
      RoomPosition position =
          fanOut.underRoomLock(
              room,
              () -> {
                HeldEvents held = fanOut.release(room, connection);
                RoomState readState = new RoomState(room, read.epoch(), read.roomSeq(), null, null);
                RoomPosition local = deliveredPosition(room, readState, held);
                Optional<List<String>> missed =
                    inStep(readState, local, held)
                        ? missed(since, local, history, held)
                        : Optional.empty();
                if (missed.isPresent()) {
                  connection.replay(missed.get());
                } else {
                  sendLive(connection, held.all());
                  replies.send(connection, EventTypes.SYNC_ERROR, refresh(room, local));
                }
                return local;
              });
      reached.put(room, position);
    }
    replies.send(connection, EventTypes.SYNC_COMPLETE, new ServerPayload.SyncComplete(reached));
    return reached;
  }

  /**
   * Leaves a room by its wire name; leaving a room one is not in still succeeds. The answer's
   * roomSeq is the last event this node delivered to the room's members; only a room this node does
   * not follow is asked of the store, before anything changed.
   */
  public MembershipAck leave(Connection connection, String room, boolean rejoinOverview) {
    kinds.require(room);
    if (RoomNames.roomIdOf(room).isPresent()) {
      RoomNames.requireRoomId(room);
    }
    long roomSeq = events.followedPosition(room).orElseGet(() -> store.currentRoomSeq(room));
    boolean wasMember = registry.leave(connection, room);
    if (rejoinOverview && !RoomNames.OVERVIEW.equals(room)) {
      registry.join(connection, RoomNames.OVERVIEW);
    }
    return new MembershipAck(
        room,
        true,
        serverSequence.latest(),
        roomSeq,
        wasMember ? "Left room" : "Was not in room",
        null);
  }

  /**
   * A failed join or leave, answered in the same shape as a successful one (F2.2), without asking
   * the store (it may be what failed): {@code roomSeq} is the last event this node delivered to the
   * room, null if it does not follow the room.
   */
  public MembershipAck failed(String room, RequestRejected reason) {
    Long roomSeq = null;
    if (room != null) {
      roomSeq = events.followedPosition(room).orElse(null);
    }
    return new MembershipAck(
        room, false, serverSequence.latest(), roomSeq, reason.getMessage(), reason.code());
  }

  /**
   * Puts a connection into a room the server chose for it (handshake parameters, its own {@code
   * client:}/{@code user:} rooms, a public room): no ack, the kind must exist and the room limit
   * holds.
   */
  public void assign(Connection connection, String room) {
    kinds.require(room);
    requireRoomFor(connection, room);
    registry.join(connection, room);
  }

  /** B3: a connection is in at most {@code maxRooms} rooms, the server-assigned ones included. */
  private void requireRoomFor(Connection connection, String room) {
    if (!registry.isMember(connection, room) && connection.rooms().size() >= maxRooms) {
      throw new RequestRejected(
          ErrorCode.TOO_MANY_ROOMS, "A connection may be in at most " + maxRooms + " rooms");
    }
  }

  /**
   * Where this node's members of the room are, under the room's lock. A room this node did not
   * follow yet (cluster mode, no member here before this one) is followed from the position the
   * joiner read: nothing was handed out here since the hold began, or it would be followed.
   */
  private RoomPosition deliveredPosition(String room, RoomState read, HeldEvents held) {
    Optional<RoomPosition> delivered = events.deliveredPosition(room);
    if (delivered.isPresent()) {
      return delivered.get();
    }
    RoomPosition position = new RoomPosition(read.roomSeq(), read.epoch());
    if (held.all().isEmpty()) {
      events.follow(room, position);
    }
    return position;
  }

  /**
   * True when what the join read and what was held back are one sequence: the same stream (epoch)
   * as this node delivers, no stream lost while holding, and the held events starting no later than
   * right after the position read (the read came after the hold began, so they always do unless
   * pub/sub lost an event).
   */
  private static boolean inStep(RoomState read, RoomPosition local, HeldEvents held) {
    return !held.lostStream()
        && local.epoch().equals(read.epoch())
        && (held.all().isEmpty() || held.first() <= Math.min(read.roomSeq(), local.roomSeq()) + 1);
  }

  /** Whether {@code since} can be resumed at all in the stream read: the cheap checks first. */
  private static boolean resumable(RoomPosition since, RoomPosition read) {
    return since.roomSeq() != null
        && Objects.equals(since.epoch(), read.epoch())
        && since.roomSeq() >= 0
        && since.roomSeq() <= read.roomSeq();
  }

  /**
   * Exactly the frames after {@code since} up to {@code local} (where live events resume): from the
   * history read and then from the held events; empty when they cannot all be replayed: another
   * epoch, a position from the future, or history no longer reaching back.
   */
  private static Optional<List<String>> missed(
      RoomPosition since, RoomPosition local, List<HistoryEntry> history, HeldEvents held) {
    if (since.roomSeq() == null
        || !Objects.equals(since.epoch(), local.epoch())
        || since.roomSeq() < 0
        || since.roomSeq() > local.roomSeq()) {
      return Optional.empty();
    }
    List<String> frames = new ArrayList<>();
    long expected = since.roomSeq() + 1;
    for (HistoryEntry entry : history) {
      if (entry.roomSeq() > local.roomSeq()) {
        break; // with Redis, history may be ahead of what this node has delivered yet
      }
      if (entry.roomSeq() != expected) {
        return Optional.empty();
      }
      frames.add(entry.frame());
      expected++;
    }
    for (HeldEvents.Held event : held.after(expected - 1)) {
      if (event.roomSeq() != expected) {
        return Optional.empty();
      }
      frames.add(event.frame().text());
      expected++;
    }
    return expected == local.roomSeq() + 1 ? Optional.of(frames) : Optional.empty();
  }

  private static ServerPayload.SyncError refresh(String room, RoomPosition position) {
    return new ServerPayload.SyncError(
        room, FULL_REFRESH, "full refresh required", position.epoch(), position.roomSeq());
  }

  private static void sendLive(Connection connection, List<HeldEvents.Held> held) {
    for (HeldEvents.Held event : held) {
      connection.send(event.frame());
    }
  }
}
