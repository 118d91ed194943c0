package dev.roomcast.publicrooms.boundary;

import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.access.boundary.OpenAccess;
import dev.roomcast.access.control.ClientAddresses;
import dev.roomcast.handshake.control.ConnectionLimits;
import dev.roomcast.presence.entity.PresentUser;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.publicrooms.control.PublicRooms;
import dev.roomcast.publicrooms.entity.PublicUser;
import dev.roomcast.rooms.entity.PublishEvent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Public rooms over REST (F4.6, F4.7): anonymous users bound to the caller's hashed address,
 * joining and leaving rooms (open to anyone: the address is the credential), and backend broadcasts
 * into a room (backend only, B10).
 */
@Path("public")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PublicResource {

  @Inject PublicRooms publicRooms;
  @Inject ClientAddresses addresses;
  @Context HttpServletRequest request;

  /** {@code {userName}} → 201 {@code {userId, userName, createdAt}}. */
  @POST
  @Path("users")
  @OpenAccess
  public Response createUser(JsonObject body) {
    PublicUser user = publicRooms.createUser(text(body, "userName"), callerHash());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("userId", user.userId());
    answer.put("userName", user.userName());
    answer.put("createdAt", user.createdAt());
    return Response.status(Response.Status.CREATED).entity(answer).build();
  }

  /** {@code {userId}} → the user is present in {@code room:<id>}. */
  @POST
  @Path("rooms/{id}/join")
  @OpenAccess
  public Map<String, Object> join(@PathParam("id") String id, JsonObject body) {
    PresentUser user = publicRooms.joinOverRest(id, text(body, "userId"), callerHash());
    return Map.of("room", "room:" + id, "userId", user.userId(), "joinedAt", user.joinedAt());
  }

  /** {@code {userId}} → the user is no longer present. */
  @POST
  @Path("rooms/{id}/leave")
  @OpenAccess
  public Map<String, Object> leave(@PathParam("id") String id, JsonObject body) {
    String userId = text(body, "userId");
    publicRooms.leaveOverRest(id, userId, callerHash());
    return Map.of("room", "room:" + id, "userId", userId);
  }

  /** {@code {type, data}} → 202, the event is published into {@code room:<id>}. */
  @POST
  @Path("rooms/{id}/broadcast")
  @BackendOnly
  public Response broadcast(@PathParam("id") String id, PublishEvent event) {
    if (event == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Body must be {type, data}");
    }
    return Response.accepted(publicRooms.broadcast(id, event.type(), event.data())).build();
  }

  /** The hashed client address; behind a trusted proxy, the one it forwards (F4.6). */
  private String callerHash() {
    return ConnectionLimits.hash(
        addresses.resolve(
            request.getRemoteAddr(), Collections.list(request.getHeaders(addresses.header()))));
  }

  private static String text(JsonObject body, String field) {
    if (body == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Body must be a JSON object");
    }
    var value = body.get(field);
    if (value == null || value.getValueType() != jakarta.json.JsonValue.ValueType.STRING) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Missing string field: " + field);
    }
    return body.getString(field);
  }
}
