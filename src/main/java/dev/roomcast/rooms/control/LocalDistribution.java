package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.StreamPosition;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * One node with the memory store: an event is numbered, recorded and handed to the members in one
 * step under its room's lock, so the store's position is always the one delivered here, and a
 * stream is never lost under its members.
 */
public final class LocalDistribution implements EventDistribution {

  private final RoomFanOut fanOut;
  private final InMemoryHistory history;
  private final MessageCodec codec;
  private final EventIds eventIds;
  private final Clock clock;
  private final ServerSequence serverSequence;

  public LocalDistribution(
      RoomFanOut fanOut,
      InMemoryHistory history,
      MessageCodec codec,
      EventIds eventIds,
      Clock clock,
      ServerSequence serverSequence) {
    this.fanOut = fanOut;
    this.history = history;
    this.codec = codec;
    this.eventIds = eventIds;
    this.clock = clock;
    this.serverSequence = serverSequence;
  }

  @Override
  public ServerEnvelope publish(String room, String type, Object data) {
    return fanOut.underRoomLock(
        room,
        () -> {
          ServerEnvelope event =
              new ServerEnvelope(
                  type,
                  room,
                  history.nextRoomSeq(room),
                  history.nextServerSeq(),
                  clock.millis(),
                  eventIds.next(),
                  data);
          OutboundFrame frame = new OutboundFrame(codec.encode(event));
          history.append(room, new HistoryEntry(event.roomSeq(), event.timestamp(), frame.text()));
          serverSequence.observe(event.serverSeq());
          fanOut.send(room, event.roomSeq(), frame);
          return event;
        });
  }

  @Override
  public Optional<RoomPosition> deliveredPosition(String room) {
    StreamPosition now = history.position(room);
    return Optional.of(new RoomPosition(now.roomSeq(), now.epoch()));
  }

  @Override
  public void follow(String room, RoomPosition position) {
    // every room's position is this node's own
  }

  @Override
  public Optional<Long> deliveredRoomSeq(String room) {
    return Optional.of(history.currentRoomSeq(room));
  }

  @Override
  public void verifyStreams(Collection<String> rooms, Map<String, String> epochs) {
    // the memory store loses no stream while a member follows it
  }

  @Override
  public void dropUnfollowed() {
    // nothing is followed: the store is this node's memory
  }
}
