package dev.roomcast.presence.boundary;

import dev.roomcast.access.boundary.ClientAccess;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.presence.entity.PresenceEvents;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.control.RoomService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/rooms/{id}/presence}: who is in a room, with {@code isActive} (F4.4, F3.8). */
@Path("rooms/{id}/presence")
@ClientAccess
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

  @Inject PresenceService presence;
  @Inject RoomService rooms;

  @GET
  public PresenceEvents.PresenceList list(@PathParam("id") String id) {
    rooms.get(id);
    return presence.list(RoomNames.ofRoom(id));
  }
}
