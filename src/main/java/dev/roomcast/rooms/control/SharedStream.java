package dev.roomcast.rooms.control;

import dev.roomcast.rooms.entity.Numbered;

/**
 * The one step that needs the stream every node shares: number an event in its room's stream and
 * the server's, record it in history and publish it, atomically, so every node receives each room's
 * events in {@code roomSeq} order. The cluster component implements it on Redis, and hands what it
 * receives, this node's own events included, to {@link SharedDistribution#deliver}; so rooms never
 * knows how nodes talk to each other.
 */
public interface SharedStream {

  /**
   * Numbers, records and publishes one event whose frame is split around its two numbers, which
   * only the shared stream knows: {@code head + roomSeq + mid + serverSeq + tail}.
   */
  Numbered publish(String room, String head, String mid, String tail, long timestamp);
}
