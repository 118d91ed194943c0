package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.OutboundFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * One room's live events meant for one connection, kept back while that connection's join or sync
 * reads the store without the room's lock; the join then sends what it read and, after it, exactly
 * the held events its answer does not already cover. Used only under the room's lock.
 */
final class HeldEvents {

  private final List<Held> events = new ArrayList<>();
  private boolean streamLost;

  void add(long roomSeq, OutboundFrame frame) {
    events.add(new Held(roomSeq, frame));
  }

  /** The room's stream was lost while holding: the numbers held are not one sequence any more. */
  void streamLost(OutboundFrame notice) {
    streamLost = true;
    events.add(new Held(-1, notice));
  }

  boolean lostStream() {
    return streamLost;
  }

  /** Every held frame, in the order it was delivered. */
  List<Held> all() {
    return List.copyOf(events);
  }

  /** The held events after {@code roomSeq}, in order. */
  List<Held> after(long roomSeq) {
    return events.stream().filter(held -> held.roomSeq() > roomSeq).toList();
  }

  /** The lowest roomSeq held, or {@code Long.MAX_VALUE} when none. */
  long first() {
    return events.isEmpty() ? Long.MAX_VALUE : events.get(0).roomSeq();
  }

  record Held(long roomSeq, OutboundFrame frame) {}
}
