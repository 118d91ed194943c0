package dev.roomcast.presence.boundary;

import dev.roomcast.identity.control.Kicks;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.BackendEvents;
import dev.roomcast.rooms.entity.PublishEvent;
import dev.roomcast.rooms.entity.RoomNames;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A user's connections from the backend: publish to all of them (F3.2), kick them (F3.7). */
@Path("users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

  @Inject Kicks kicks;
  @Inject BackendEvents events;

  /** Closes every connection of the user with close code 4009. */
  @POST
  @Path("kick")
  public Map<String, Object> kick(@PathParam("userId") String userId) {
    return Map.of("userId", userId, "closed", kicks.kick(userId));
  }

  /** Publishes {@code {type, data}} into {@code user:<userId>}. */
  @POST
  @Path("events")
  public Response publish(@PathParam("userId") String userId, PublishEvent event) {
    if (event == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Body must be {type, data}");
    }
    return Response.accepted(events.publish(RoomNames.ofUser(userId), event.type(), event.data()))
        .build();
  }
}
