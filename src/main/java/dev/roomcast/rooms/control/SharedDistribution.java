package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.rooms.entity.ClusterEvent;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.Numbered;
import dev.roomcast.rooms.entity.StreamPosition;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Several nodes on the Redis store: an event is numbered, recorded and published in the stream all
 * nodes share ({@link SharedStream}), and each node hands its members what it receives back, in
 * {@code roomSeq} order per room. Per room with members here, this node follows the stream: its
 * epoch and the last roomSeq delivered. Pub/sub is not reliable, so a gap is filled from history,
 * an event already delivered is skipped, and a stream of another epoch (Redis flushed or restarted
 * empty) is told to the members as {@code sync:error} before its first event.
 *
 * <p>Receiving runs on the one thread that takes every node's events. It delivers an event itself
 * when that is in-memory work only, and queues it on its room's lane ({@link DeliveryLanes})
 * otherwise, so one room that waits for history holds up no other.
 */
public final class SharedDistribution implements EventDistribution, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SharedDistribution.class.getName());
  // deliveries only queue frames to outboxes: a few threads keep rooms apart, more would contend
  private static final int DELIVERY_THREADS =
      Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
  private static final String SEQUENCE_PLACEHOLDER = "\"roomSeq\":0,\"serverSeq\":0,";

  private final RoomFanOut fanOut;
  private final HistoryStore history;
  private final MessageCodec codec;
  private final EventIds eventIds;
  private final Clock clock;
  private final ServerSequence serverSequence;
  private final SharedStream stream;
  private final DeliveryLanes lanes = new DeliveryLanes(DELIVERY_THREADS);
  // per room with members here: the stream's epoch and the last roomSeq delivered here; entries of
  // rooms without members go (on delivery, or by the sweeper)
  private final Map<String, Followed> delivered = new ConcurrentHashMap<>();

  public SharedDistribution(
      RoomFanOut fanOut,
      HistoryStore history,
      MessageCodec codec,
      EventIds eventIds,
      Clock clock,
      ServerSequence serverSequence,
      SharedStream stream) {
    this.fanOut = fanOut;
    this.history = history;
    this.codec = codec;
    this.eventIds = eventIds;
    this.clock = clock;
    this.serverSequence = serverSequence;
    this.stream = stream;
  }

  /**
   * The envelope is encoded once with placeholder numbers and split around them; the shared stream
   * fills in the real ones in the same step that records and publishes the event. No lock is held:
   * the stream orders the room's events, and delivery comes back through {@link #deliver}.
   */
  @Override
  public ServerEnvelope publish(String room, String type, Object data) {
    long now = clock.millis();
    String eventId = eventIds.next();
    String template = codec.encode(new ServerEnvelope(type, room, 0L, 0L, now, eventId, data));
    int at = template.indexOf(SEQUENCE_PLACEHOLDER);
    Numbered numbers =
        stream.publish(
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
   * Takes an event the shared stream handed to this node and delivers it in the order received:
   * here, on the receiving thread, when its room has nothing queued and no history is needed, and
   * otherwise on the room's lane ({@link DeliveryLanes#deliver}).
   */
  public void deliver(ClusterEvent event) {
    serverSequence.observe(event.serverSeq());
    lanes.deliver(event.room(), () -> deliverFromMemory(event), () -> deliverNow(event));
  }

  /** One pass of {@link #deliverNow} that reads no history: false if a gap needs it. */
  private boolean deliverFromMemory(ClusterEvent event) {
    return fanOut.underRoomLock(event.room(), () -> deliverUnderLock(event, null, 0) == null);
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
      List<HistoryEntry> entries = read;
      long entriesAfter = readAfter;
      Long needAfter =
          fanOut.underRoomLock(room, () -> deliverUnderLock(event, entries, entriesAfter));
      if (needAfter == null) {
        return;
      }
      read = history.after(room, needAfter);
      readAfter = needAfter;
    }
  }

  /**
   * The delivery itself, under the room's lock: skips an event delivered already, tells of a lost
   * stream, fills a gap from {@code entries} (history read after {@code entriesAfter}) if they
   * cover it. Returns null when done, or the roomSeq after which history must be read first.
   */
  private Long deliverUnderLock(ClusterEvent event, List<HistoryEntry> entries, long entriesAfter) {
    String room = event.room();
    if (!fanOut.hasMembers(room)) {
      // only rooms with members of their own are followed; aggregate members just receive
      delivered.remove(room);
      fanOut.sendUntracked(room, new OutboundFrame(event.frame()));
      return null;
    }
    Followed last = delivered.get(room);
    boolean gap =
        last != null && last.epoch().equals(event.epoch()) && event.roomSeq() > last.roomSeq() + 1;
    if (gap && (entries == null || entriesAfter > last.roomSeq())) {
      return last.roomSeq();
    }
    if (last != null && !last.epoch().equals(event.epoch())) {
      fanOut.tellStreamLost(room, event.epoch(), event.roomSeq() - 1);
    } else if (last != null && event.roomSeq() <= last.roomSeq()) {
      return null;
    } else if (gap) {
      fillGap(room, entries, last.roomSeq(), event.roomSeq() - 1);
    }
    fanOut.send(room, event.roomSeq(), new OutboundFrame(event.frame()));
    delivered.put(room, new Followed(event.epoch(), event.roomSeq()));
    return null;
  }

  /**
   * After the subscription came back: delivers what was missed meanwhile, or tells the members that
   * their room's stream is gone if Redis lost it. Each room's catch-up is queued on its lane,
   * before any event received after the subscription came back.
   */
  public void catchUp() {
    for (String room : List.copyOf(delivered.keySet())) {
      lanes.submit(room, () -> catchUpNow(room, true));
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
      boolean done = false;
      while (!done) {
        Followed seen = delivered.get(room);
        if (seen == null) {
          return;
        }
        StreamPosition now = history.position(room);
        boolean sameStream = now.epoch().equals(seen.epoch());
        List<HistoryEntry> missed =
            sameStream && fill ? history.after(room, seen.roomSeq()) : List.of();
        done =
            fanOut.underRoomLock(
                room,
                () -> {
                  Followed last = delivered.get(room);
                  if (last == null || !fanOut.hasMembers(room)) {
                    delivered.remove(room);
                    return true;
                  }
                  if (!last.equals(seen)) {
                    return false; // delivered or re-followed meanwhile: read again
                  }
                  if (!sameStream) {
                    fanOut.tellStreamLost(room, now.epoch(), now.roomSeq());
                    delivered.put(room, new Followed(now.epoch(), now.roomSeq()));
                  } else if (fill) {
                    long reached = fillGap(room, missed, last.roomSeq(), Long.MAX_VALUE);
                    delivered.put(room, new Followed(last.epoch(), reached));
                  }
                  return true;
                });
      }
    } catch (RuntimeException e) {
      // the next resubscription or sweep tries again; the other rooms go on
      LOG.log(Level.WARNING, "catching up room " + room + " failed: " + e.getMessage());
    }
  }

  @Override
  public void verifyStreams(Collection<String> rooms, Map<String, String> epochs) {
    for (String room : rooms) {
      Followed last = delivered.get(room);
      // a stream missing from the answer is gone as well
      if (last != null && !last.epoch().equals(epochs.get(room))) {
        lanes.submit(room, () -> catchUpNow(room, false));
      }
    }
  }

  @Override
  public Optional<RoomPosition> deliveredPosition(String room) {
    return Optional.ofNullable(delivered.get(room))
        .map(followed -> new RoomPosition(followed.roomSeq(), followed.epoch()));
  }

  @Override
  public void follow(String room, RoomPosition position) {
    delivered.putIfAbsent(room, new Followed(position.epoch(), position.roomSeq()));
  }

  @Override
  public Optional<Long> deliveredRoomSeq(String room) {
    return Optional.ofNullable(delivered.get(room)).map(Followed::roomSeq);
  }

  @Override
  public void dropUnfollowed() {
    for (String room : List.copyOf(delivered.keySet())) {
      fanOut.underRoomLock(
          room,
          () -> {
            if (!fanOut.hasMembers(room)) {
              delivered.remove(room);
            }
            return null;
          });
    }
  }

  @Override
  public void close() {
    lanes.close();
  }

  /** Sends the {@code entries} (history read after at most {@code last}) from last + 1 to upTo. */
  private long fillGap(String room, List<HistoryEntry> entries, long last, long upTo) {
    long reached = last;
    for (HistoryEntry entry : entries) {
      if (entry.roomSeq() <= reached) {
        continue;
      }
      if (entry.roomSeq() > upTo) {
        break;
      }
      fanOut.send(room, entry.roomSeq(), new OutboundFrame(entry.frame()));
      reached = entry.roomSeq();
    }
    if (reached < upTo && upTo != Long.MAX_VALUE) {
      LOG.warning(
          "room " + room + ": events " + (reached + 1) + ".." + upTo + " are gone from history");
    }
    return reached;
  }

  /** A stream this node follows: its epoch and the last roomSeq delivered to its members. */
  private record Followed(String epoch, long roomSeq) {}
}
