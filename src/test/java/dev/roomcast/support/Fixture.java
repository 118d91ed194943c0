package dev.roomcast.support;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.rooms.control.PassThroughEvents;
import dev.roomcast.rooms.control.RoomChanges;
import dev.roomcast.rooms.control.RoomDiff;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.state.control.InMemoryRoomStore;
import dev.roomcast.state.control.RoomStore;
import java.util.List;

/** The control beans wired by hand, the way CDI wires them, over an in-memory store. */
public class Fixture {
  public final RoomStore store;
  public final RoomRegistry registry = new RoomRegistry();
  public final MessageCodec codec = new MessageCodec();
  public final RoomDiff diff = new RoomDiff(codec);
  public final RoomEventService events;
  public final RoomChanges changes;
  public final RoomService rooms;

  public Fixture() {
    this(new InMemoryRoomStore());
  }

  public Fixture(RoomStore store) {
    this.store = store;
    this.events = new RoomEventService(store, registry, codec, diff, new EventIds());
    this.changes = new RoomChanges(store, events);
    this.rooms =
        new RoomService(store, changes, events, new PassThroughEvents(List.of("frame_update")));
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
