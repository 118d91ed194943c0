package dev.roomcast.rooms.control;

import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.rooms.entity.Published;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Events the backend publishes into any legal room over REST (F3.2 {@code user:<id>}, F1.3 {@code
 * job:<id>}, ...). {@code room:<id>} goes through {@link RoomService#publishEvent} (the room must
 * exist, the type must be a pass-through type); other kinds take any type that is not the
 * protocol's own.
 */
@ApplicationScoped
public class BackendEvents {

  private RoomKinds kinds;
  private RoomService rooms;
  private RoomEventService events;

  protected BackendEvents() {}

  @Inject
  public BackendEvents(RoomKinds kinds, RoomService rooms, RoomEventService events) {
    this.kinds = kinds;
    this.rooms = rooms;
    this.events = events;
  }

  public Published publish(String room, String type, JsonObject data) {
    kinds.require(room);
    var roomId = RoomNames.roomIdOf(room);
    if (roomId.isPresent()) {
      return rooms.publishEvent(roomId.get(), type, data);
    }
    ServerEnvelope sent =
        events.publish(
            room,
            EventTypes.requireCustom(type),
            data == null ? JsonValue.EMPTY_JSON_OBJECT : data);
    return new Published(sent.room(), sent.roomSeq(), sent.serverSeq(), sent.eventId());
  }
}
