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
      RoomSnapshots snapshots,
      Replies replies,
      RoomKinds kinds,
      ServerSequence serverSequence,
      Settings settings) {
    this(
        registry,
        store,
        events,
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
      RoomSnapshots snapshots,
      Replies replies,
      RoomKinds kinds,
      ServerSequence serverSequence,
      int maxRooms) {
    this.serverSequence = serverSequence;
    this.registry = registry;
    this.store = store;
    this.events = events;
    this.snapshots = snapshots;
    this.replies = replies;
    this.kinds = kinds;
    this.maxRooms = maxRooms;
  }

  /**
   * Joins a room by its wire name ({@code overview:public} or {@code room:<id>}) and sends the
   * {@code ack:join}: with {@code since}, preceded by {@code sync:error} if the missed events are
   * gone, or followed by them if not (then the ack's roomSeq is {@code since}'s and the first
   * replayed event has roomSeq + 1, like the first live event after a fresh join). Membership,
   * snapshot, ack and replay happen under the room's publish lock, so the next live event the
   * client gets is the one after them.
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
      roomIdOf(room);
    }
    return events.underRoomLock(
        room,
        () -> {
          RoomState state = snapshots.stateUnlocked(room);
          if (metadataRoom) {
            registry.leave(connection, RoomNames.OVERVIEW);
          }
          registry.join(connection, room);
          Optional<List<HistoryEntry>> missed =
              since == null ? Optional.empty() : missed(room, since, state);
          if (since != null && missed.isEmpty()) {
            replies.send(connection, EventTypes.SYNC_ERROR, refresh(state));
          }
          boolean resumed = missed.isPresent();
          // resumed: the client keeps its state at since and the replay starts at since + 1, so
          // the ack says since and carries no snapshot (one newer than the replay would mislead)
          MembershipAck ack =
              new MembershipAck(
                  room,
                  true,
                  serverSequence.latest(),
                  resumed ? since.roomSeq() : state.roomSeq(),
                  state.epoch(),
                  resumed,
                  resumed ? null : state.snapshot(),
                  resumed ? "Resumed" : "Successfully joined room",
                  null);
          replies.send(connection, EventTypes.ACK_JOIN, ack);
          missed.ifPresent(entries -> replay(connection, entries));
          return ack;
        });
  }

  /**
   * Answers {@code sync:request} (F2.6): per room the missed events in order, or {@code
   * sync:error}; then one {@code sync:complete} with each room's latest position.
   */
  public Map<String, Object> sync(Connection connection, Map<String, RoomPosition> rooms) {
    if (rooms == null || rooms.isEmpty()) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST, "sync:request needs rooms: {\"<room>\": {roomSeq, epoch}}");
    }
    Map<String, Object> reached = new LinkedHashMap<>();
    for (Map.Entry<String, RoomPosition> request : rooms.entrySet()) {
      String room = request.getKey();
      if (!registry.isMember(connection, room)) {
        replies.send(
            connection,
            EventTypes.SYNC_ERROR,
            new ServerPayload.SyncError(
                room, ErrorCode.NOT_MEMBER.name(), "Join " + room + " first", null, null));
        continue;
      }
      RoomPosition position =
          events.underRoomLock(
              room,
              () -> {
                RoomPosition latest = events.position(room);
                Optional<List<HistoryEntry>> missed = missed(room, request.getValue(), latest);
                if (missed.isPresent()) {
                  replay(connection, missed.get());
                } else {
                  replies.send(
                      connection,
                      EventTypes.SYNC_ERROR,
                      new ServerPayload.SyncError(
                          room,
                          FULL_REFRESH,
                          "full refresh required",
                          latest.epoch(),
                          latest.roomSeq()));
                }
                return latest;
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
      roomIdOf(room);
    }
    long roomSeq =
        events
            .followedPosition(room)
            .orElseGet(() -> events.underRoomLock(room, () -> store.currentRoomSeq(room)));
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

  private Optional<List<HistoryEntry>> missed(String room, RoomPosition since, RoomState state) {
    return missed(room, since, new RoomPosition(state.roomSeq(), state.epoch()));
  }

  /**
   * Exactly the events after {@code since} up to {@code latest}, or empty when they cannot all be
   * replayed: another epoch, a position from the future, or history no longer reaching back.
   */
  private Optional<List<HistoryEntry>> missed(
      String room, RoomPosition since, RoomPosition latest) {
    if (since.roomSeq() == null
        || !Objects.equals(since.epoch(), latest.epoch())
        || since.roomSeq() < 0
        || since.roomSeq() > latest.roomSeq()) {
      return Optional.empty();
    }
    long from = since.roomSeq();
    if (from == latest.roomSeq()) {
      return Optional.of(List.of());
    }
    List<HistoryEntry> entries = new ArrayList<>();
    long expected = from + 1;
    for (HistoryEntry entry : store.after(room, from)) {
      if (entry.roomSeq() > latest.roomSeq()) {
        break; // with Redis, history may be ahead of what this node has delivered yet
      }
      if (entry.roomSeq() != expected) {
        return Optional.empty();
      }
      entries.add(entry);
      expected++;
    }
    // events published after latest cannot be here: the caller holds the room's lock
    return expected == latest.roomSeq() + 1 ? Optional.of(entries) : Optional.empty();
  }

  private static ServerPayload.SyncError refresh(RoomState state) {
    return new ServerPayload.SyncError(
        state.room(), FULL_REFRESH, "full refresh required", state.epoch(), state.roomSeq());
  }

  static String roomIdOf(String room) {
    String roomId =
        RoomNames.roomIdOf(room)
            .orElseThrow(
                () ->
                    new RequestRejected(
                        ErrorCode.INVALID_ROOM,
                        "Unknown room " + room + "; expected overview:public or room:<id>"));
    if (!RoomNames.isValidId(roomId)) {
      throw new RequestRejected(ErrorCode.INVALID_ROOM, "Invalid room id: " + roomId);
    }
    return roomId;
  }

  private static void replay(Connection connection, List<HistoryEntry> missed) {
    connection.replay(missed.stream().map(HistoryEntry::frame).toList());
  }
}
