package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.RoomNames;
import dev.roomcast.state.control.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes room events: numbers each one in its room's sequence and the server's, encodes it once,
 * and queues the same frame to every member. Metadata changes become {@code room:update} / {@code
 * room:delete} to {@code overview:public} and {@code room:<id>} (F0.4).
 */
@ApplicationScoped
public class RoomEventService {

  private static final int STRIPES = 256;

  private RoomStore store;
  private RoomRegistry registry;
  private MessageCodec codec;
  private RoomDiff diff;
  private EventIds eventIds;
  private Clock clock;
  private RoomKinds kinds;
  // numbering and queueing happen under one lock per room, so members see a room's events in
  // sequence order; striped so rooms do not wait for each other
  private final Object[] stripes = new Object[STRIPES];

  protected RoomEventService() {
    initStripes();
  }

  @Inject
  public RoomEventService(
      RoomStore store,
      RoomRegistry registry,
      MessageCodec codec,
      RoomDiff diff,
      EventIds eventIds,
      RoomKinds kinds) {
    this(store, registry, codec, diff, eventIds, Clock.systemUTC(), kinds);
  }

  /** With the room kinds bundled in the WAR, for unit tests. */
  public RoomEventService(
      RoomStore store,
      RoomRegistry registry,
      MessageCodec codec,
      RoomDiff diff,
      EventIds eventIds) {
    this(store, registry, codec, diff, eventIds, Clock.systemUTC(), RoomKinds.defaults());
  }

  public RoomEventService(
      RoomStore store,
      RoomRegistry registry,
      MessageCodec codec,
      RoomDiff diff,
      EventIds eventIds,
      Clock clock,
      RoomKinds kinds) {
    this.kinds = kinds;
    this.store = store;
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

  /** Publishes one event to every member of {@code room} and returns it as sent. */
  public ServerEnvelope publish(String room, String type, Object data) {
    synchronized (stripes[Math.floorMod(room.hashCode(), STRIPES)]) {
      ServerEnvelope event =
          new ServerEnvelope(
              type,
              room,
              store.nextRoomSeq(room),
              store.nextServerSeq(),
              clock.millis(),
              eventIds.next(),
              data);
      String frame = codec.encode(event);
      for (Connection member : recipients(room)) {
        member.send(frame);
      }
      return event;
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

  private void publishToBoth(String roomId, String type, Object data) {
    publish(RoomNames.OVERVIEW, type, data);
    publish(RoomNames.ofRoom(roomId), type, data);
  }
}
