package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerEnvelope;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * How this node's rooms number their events and get them to every member: {@link LocalDistribution}
 * numbers and hands them out here (one node, memory store); {@link SharedDistribution} numbers them
 * in a stream all nodes share and hands out what comes back (Redis store). {@link RoomEventService}
 * chooses one at start-up from the store setting; everything else about a room's events is the same
 * for both.
 */
public interface EventDistribution {

  /** Numbers one event of {@code room}, records it and sends it to every member; returns it. */
  ServerEnvelope publish(String room, String type, Object data);

  /**
   * The position of the last event handed to this node's members of {@code room}, or empty if this
   * node does not follow the room. The caller holds the room's lock, so the next event a member
   * registered now gets is exactly roomSeq + 1. Never a round trip to a shared store.
   */
  Optional<RoomPosition> deliveredPosition(String room);

  /**
   * From now on this node follows {@code room} from {@code position}, which a joiner read from the
   * store; events up to it that still arrive are skipped. The caller holds the room's lock and
   * found the room unfollowed.
   */
  void follow(String room, RoomPosition position);

  /**
   * The roomSeq of the last event handed to this node's members of {@code room}, without creating
   * anything and without a round trip to a shared store; empty if this node does not follow it.
   */
  Optional<Long> deliveredRoomSeq(String room);

  /**
   * After the streams of {@code rooms} (those with members here) were kept alive: {@code epochs} is
   * each one's epoch as the store has it now, without the lost ones; the members of a room whose
   * stream was lost are told.
   */
  void verifyStreams(Collection<String> rooms, Map<String, String> epochs);

  /** Forgets the positions of rooms that have no member here any more. */
  void dropUnfollowed();
}
