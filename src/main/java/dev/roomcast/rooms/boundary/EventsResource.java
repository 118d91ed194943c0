package dev.roomcast.rooms.boundary;

import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.BackendEvents;
import dev.roomcast.rooms.entity.RoomEvent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/events}: the backend publishes into any legal room (F1.3, F3.2). */
@Path("events")
@BackendOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventsResource {

  @Inject BackendEvents events;

  @POST
  public Response publish(RoomEvent event) {
    if (event == null || event.room() == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Body must be {room, type, data}");
    }
    return Response.accepted(events.publish(event.room(), event.type(), event.data())).build();
  }
}
