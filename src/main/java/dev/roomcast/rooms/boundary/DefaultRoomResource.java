package dev.roomcast.rooms.boundary;

import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.access.boundary.ClientAccess;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.rooms.entity.DefaultRoom;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The default room (F0.3): changing it updates the old and the new default. Clients may read it;
 * only the backend changes it (B10).
 */
@Path("default-room")
@BackendOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DefaultRoomResource {

  @Inject RoomService rooms;

  @GET
  @ClientAccess
  public DefaultRoom get() {
    return new DefaultRoom(rooms.defaultRoomId().orElse(null));
  }

  @PUT
  public DefaultRoom set(DefaultRoom request) {
    rooms.setDefault(request == null ? null : request.roomId());
    return get();
  }

  @DELETE
  public DefaultRoom clear() {
    rooms.setDefault(null);
    return get();
  }
}
