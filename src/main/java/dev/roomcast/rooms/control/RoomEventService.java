package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.protocol.entity.ServerPayload;
import dev.roomcast.rooms.entity.RoomChange;
import dev.roomcast.rooms.entity.StreamPosition;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes room events: each is numbered in its room's sequence and the server's, encoded once,
 * and the same frame reaches every member, through the {@link EventDistribution} the store setting
 * chose at start-up ({@link RoomStores}). Metadata changes become {@code room:update} / {@code
 * room:delete} to {@code overview:public} and {@code room:<id>} (F0.4).
 */
@ApplicationScoped
public class RoomEventService {

  static final String FULL_REFRESH = RoomFanOut.FULL_REFRESH;

  private RoomFanOut fanOut;
  private HistoryStore history;
  private RoomDiff diff;
  private EventDistribution distribution;

  protected RoomEventService() {}

  @Inject
  public RoomEventService(
      RoomFanOut fanOut, HistoryStore history, RoomDiff diff, EventDistribution distribution) {
    this.fanOut = fanOut;
    this.history = history;
    this.diff = diff;
    this.distribution = distribution;
  }

  @PreDestroy
  void stop() {
    if (distribution instanceof SharedDistribution shared) {
      shared.close();
    }
  }

  /**
   * The distribution through the stream all nodes share, which receives every node's events.
   *
   * @throws IllegalStateException on one node with the memory store, which shares nothing
   */
  public SharedDistribution shared() {
    if (distribution instanceof SharedDistribution shared) {
      return shared;
    }
    throw new IllegalStateException("events are shared between nodes only on the Redis store");
  }

  /** Publishes one event to every member of {@code room} and returns it as sent. */
  public ServerEnvelope publish(String room, String type, Object data) {
    return distribution.publish(room, type, data);
  }

  /**
   * Keeps the streams of the rooms with members here alive (they must not expire under them) and
   * checks that each is still the stream its members follow: one lost with a quiet Redis flush is
   * noticed here, not only with its next event.
   */
  public void keepStreamsAlive() {
    Set<String> rooms = fanOut.roomsWithMembers();
    distribution.verifyStreams(rooms, history.keepAlive(rooms));
  }

  /** The rooms with at least one member on this node. */
  public Set<String> roomsWithMembers() {
    return fanOut.roomsWithMembers();
  }

  /** Forgets the positions of rooms that have no member here any more. */
  public void dropUnfollowed() {
    distribution.dropUnfollowed();
  }

  /**
   * Forgets the streams nobody used since {@code idleBeforeMillis}, of rooms without a member here,
   * each under its room's lock so that no join or event races the forgetting. Only the memory store
   * has such streams (Redis lets them expire), so the lock never waits on a round trip.
   *
   * @return how many were forgotten
   */
  public int forgetIdleStreams(long idleBeforeMillis) {
    int forgotten = 0;
    for (String room : history.idleStreams(idleBeforeMillis)) {
      if (fanOut.underRoomLock(
          room, () -> !fanOut.hasMembers(room) && history.forget(room, idleBeforeMillis))) {
        forgotten++;
      }
    }
    return forgotten;
  }

  /**
   * The room's position as this node's members see it: the last event delivered here, taken under
   * the room's lock, or the store's (read without any lock) if this node does not follow the room.
   * Read it before the state it goes with: a state newer than its position only repeats a diff, an
   * older one would lose one.
   */
  public RoomPosition position(String room) {
    return fanOut
        .underRoomLock(room, () -> distribution.deliveredPosition(room))
        .orElseGet(() -> storePosition(room));
  }

  /** The store's position of the room's stream (creates the stream if there is none). */
  public RoomPosition storePosition(String room) {
    StreamPosition now = history.position(room);
    return new RoomPosition(now.roomSeq(), now.epoch());
  }

  /** See {@link EventDistribution#deliveredPosition}; the caller holds the room's lock. */
  Optional<RoomPosition> deliveredPosition(String room) {
    return distribution.deliveredPosition(room);
  }

  /** See {@link EventDistribution#follow}; the caller holds the room's lock. */
  void follow(String room, RoomPosition position) {
    distribution.follow(room, position);
  }

  /**
   * The last roomSeq delivered to this node's members of {@code room}, without asking a shared
   * store, if this node follows the room.
   */
  public Optional<Long> followedPosition(String room) {
    return distribution.deliveredRoomSeq(room);
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
    for (String room : List.of(RoomNames.OVERVIEW, RoomNames.ofRoom(roomId))) {
      publish(room, type, data);
    }
  }
}
