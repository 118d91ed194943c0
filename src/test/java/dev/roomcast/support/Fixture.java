package dev.roomcast.support;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.rooms.control.ChangeOrder;
import dev.roomcast.rooms.control.Coalescer;
import dev.roomcast.rooms.control.HistoryStore;
import dev.roomcast.rooms.control.InMemoryHistory;
import dev.roomcast.rooms.control.InMemoryRoomStore;
import dev.roomcast.rooms.control.LocalDistribution;
import dev.roomcast.rooms.control.PassThroughEvents;
import dev.roomcast.rooms.control.RoomChanges;
import dev.roomcast.rooms.control.RoomDiff;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.RoomFanOut;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.rooms.control.RoomSnapshots;
import dev.roomcast.rooms.control.RoomStore;
import dev.roomcast.rooms.control.Subscriptions;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** The control beans wired by hand, the way CDI wires them, over an in-memory store. */
public class Fixture {
  public final RoomStore store;
  public final HistoryStore history;
  public final RoomRegistry registry = new RoomRegistry();
  public final MessageCodec codec = new MessageCodec(JsonbBuilder.create());
  public final RoomDiff diff = new RoomDiff(codec);
  public final ServerSequence serverSequence = new ServerSequence();
  public final ChangeOrder changeOrder = new ChangeOrder();
  public final RoomFanOut fanOut;
  public final RoomEventService events;
  public final RoomChanges changes;
  public final Coalescer coalescer;
  public final RoomService rooms;
  public final Replies replies;
  public final RoomSnapshots snapshots;
  public final Subscriptions subscriptions;

  public Fixture() {
    this(new InMemoryRoomStore());
  }

  public Fixture(RoomStore store) {
    this(store, new InMemoryHistory(HistoryLimits.defaults(), Clock.systemUTC()));
  }

  public Fixture(RoomStore store, InMemoryHistory history) {
    this(store, history, history);
  }

  /**
   * @param numbering where events are numbered and recorded
   * @param history how the rest reads it (the same store, or a wrapper around it)
   */
  public Fixture(RoomStore store, InMemoryHistory numbering, HistoryStore history) {
    this.store = store;
    this.history = history;
    this.fanOut =
        new RoomFanOut(
            registry,
            RoomKinds.defaults(),
            codec,
            new EventIds(),
            serverSequence,
            Clock.systemUTC());
    this.events =
        new RoomEventService(
            fanOut,
            history,
            diff,
            new LocalDistribution(
                fanOut, numbering, codec, new EventIds(), Clock.systemUTC(), serverSequence));
    this.changes = new RoomChanges(store, events, changeOrder);
    this.coalescer =
        new Coalescer(
            events,
            Executors.newSingleThreadScheduledExecutor(),
            Map.of("frame_selection:update", Duration.ofMillis(50)));
    this.rooms =
        new RoomService(
            store,
            changes,
            events,
            new PassThroughEvents(List.of("frame_update", "frame_selection:update")),
            coalescer);
    this.replies = new Replies(codec, serverSequence, new EventIds());
    this.snapshots = new RoomSnapshots(store, history, events, changeOrder);
    this.subscriptions =
        new Subscriptions(
            registry,
            history,
            events,
            fanOut,
            snapshots,
            replies,
            RoomKinds.defaults(),
            serverSequence,
            100);
  }

  /** A connection whose frames land in {@code sink}, in no room yet. */
  public Connection connection(RecordingSink sink) {
    return new Connection(sink.id(), new Outbox(sink, 100_000));
  }

  /** A connection whose frames land in the returned sink, joined to the given rooms. */
  public RecordingSink member(String sid, String... roomNames) {
    RecordingSink sink = new RecordingSink(sid);
    Connection connection = new Connection(sid, new Outbox(sink, 1000));
    for (String room : roomNames) {
      registry.join(connection, room);
    }
    return sink;
  }
}
