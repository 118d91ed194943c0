package dev.roomcast.rooms.control;

import dev.roomcast.rooms.entity.Numbered;

/**
 * The port through which rooms share their events with other nodes: one step numbers an event in
 * its room's stream, records it in history and publishes it, and every node, this one included,
 * gets it back through {@link RoomEventService#deliver}. The cluster component implements it on
 * Redis and plugs it in when the store is shared; without it this node numbers, records and
 * delivers its rooms' events itself. So rooms never knows how nodes talk to each other.
 */
public interface EventDistribution {

  /**
   * Numbers, records and publishes one event whose frame is split around its two numbers, which
   * only the shared stream knows: {@code head + roomSeq + mid + serverSeq + tail}.
   */
  Numbered publish(String room, String head, String mid, String tail, long timestamp);
}
