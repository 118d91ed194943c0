package dev.roomcast.presence.boundary;

import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.identity.control.Kicks;
import dev.roomcast.identity.entity.Revocation;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.control.BackendEvents;
import dev.roomcast.rooms.entity.PublishEvent;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * A user's connections from the backend: publish to all of them (F3.2), kick them (F3.7), refuse
 * the user's older tokens (F3.7). Backend only (B10).
 */
@Path("users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@BackendOnly
public class UsersResource {

  @Inject Kicks kicks;
  @Inject BackendEvents events;

  /**
   * Closes every connection of the user with close code 4009, on every node; {@code closed} counts
   * this node's.
   */
  @POST
  @Path("kick")
  public Map<String, Object> kick(@PathParam("userId") String userId) {
    return Map.of("userId", userId, "closed", kicks.kick(userId));
  }

  /**
   * {@code {issuedBefore?}} (epoch seconds, default now): the user's tokens issued before it are
   * refused from now on, on every node, and the connections that use one are closed with 4009.
   */
  @POST
  @Path("revoke-tokens")
  public Revocation revokeTokens(@PathParam("userId") String userId, JsonObject body) {
    return kicks.revokeTokens(userId, issuedBefore(body));
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

  private static Long issuedBefore(JsonObject body) {
    JsonValue value = body == null ? null : body.get("issuedBefore");
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST, "issuedBefore must be a whole number of epoch seconds");
    }
    return number.longValueExact();
  }
}
