package dev.roomcast.rooms.boundary;

import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.access.boundary.ClientAccess;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.rooms.control.RoomSnapshots;
import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.rooms.entity.FrameCountChange;
import dev.roomcast.rooms.entity.PublishEvent;
import dev.roomcast.rooms.entity.Published;
import dev.roomcast.rooms.entity.RoomMetadata;
import dev.roomcast.rooms.entity.RoomState;
import dev.roomcast.rooms.entity.RoomsAt;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Rooms over REST (F0.3, F0.7, F0.8); every change is also broadcast as {@code room:update}.
 * Clients may read rooms, hidden ones included when they ask ({@code hidden} keeps a room out of
 * the default list, seed 000; it is not access control: any client may join {@code room:<id>} and
 * sees hidden rooms in {@code overview:public}); changes and publishing are the backend's (B10).
 */
@Path("rooms")
@BackendOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomsResource {

  /** The {@code room:<id>} roomSeq a REST answer reflects (F2.3). */
  public static final String SEQ_HEADER = "X-Roomcast-Seq";

  /** The epoch of that sequence (F2.6). */
  public static final String EPOCH_HEADER = "X-Roomcast-Epoch";

  @Inject RoomService rooms;
  @Inject RoomSnapshots snapshots;

  /**
   * The rooms, with the {@code overview:public} sequence the list reflects in {@code
   * X-Roomcast-Seq} and {@code X-Roomcast-Epoch} (F2.3).
   */
  @GET
  @ClientAccess
  public Response list(@QueryParam("includeHidden") @DefaultValue("false") boolean all) {
    RoomsAt listed = rooms.listAt(all);
    return Response.ok(listed.rooms())
        .header(SEQ_HEADER, listed.position().roomSeq())
        .header(EPOCH_HEADER, listed.position().epoch())
        .build();
  }

  /**
   * The room, with the {@code room:<id>} sequence it reflects in {@code X-Roomcast-Seq} and {@code
   * X-Roomcast-Epoch}: a client that loads here and then joins with {@code since} gets exactly the
   * events after it (F2.3).
   */
  @GET
  @Path("{id}")
  @ClientAccess
  public Response get(@PathParam("id") String id) {
    RoomState state = snapshots.current(roomName(id));
    return withPosition(Response.ok(state.snapshot()), state).build();
  }

  /** {@code {room, epoch, roomSeq, lastBroadcastTimestamp, snapshot}} (F3.4). */
  @GET
  @Path("{id}/state")
  @ClientAccess
  public Response state(@PathParam("id") String id) {
    RoomState state = snapshots.current(roomName(id));
    return withPosition(Response.ok(state), state).build();
  }

  private static String roomName(String id) {
    if (!RoomNames.isValidId(id)) {
      throw new RequestRejected(ErrorCode.ROOM_NOT_FOUND, "Room " + id + " not found");
    }
    return RoomNames.ofRoom(id);
  }

  private static Response.ResponseBuilder withPosition(
      Response.ResponseBuilder response, RoomState state) {
    return response.header(SEQ_HEADER, state.roomSeq()).header(EPOCH_HEADER, state.epoch());
  }

  @POST
  public Response create(CreateRoom request, @Context UriInfo uri) {
    RoomMetadata created = rooms.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }

  @PATCH
  @Path("{id}")
  public RoomMetadata update(@PathParam("id") String id, JsonObject patch) {
    if (patch == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Body must be a JSON object");
    }
    return rooms.update(id, patch);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    rooms.delete(id);
    return Response.noContent().build();
  }

  /** Appends frames: {@code {"count": n}}. */
  @POST
  @Path("{id}/frames")
  public RoomMetadata appendFrames(@PathParam("id") String id, FrameCountChange change) {
    return rooms.changeFrameCount(id, positive(change == null ? null : change.count()));
  }

  /** Removes the last {@code count} frames. */
  @DELETE
  @Path("{id}/frames")
  public RoomMetadata removeFrames(@PathParam("id") String id, @QueryParam("count") Integer count) {
    return rooms.changeFrameCount(id, -positive(count));
  }

  /** Publishes a pass-through event from the backend into {@code room:<id>} (F0.8). */
  @POST
  @Path("{id}/events")
  public Response publish(@PathParam("id") String id, PublishEvent event) {
    if (event == null) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Body must be {type, data}");
    }
    Published published = rooms.publishEvent(id, event.type(), event.data());
    return Response.accepted(published).build();
  }

  private static int positive(Integer count) {
    if (count == null || count < 1) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "count must be a positive integer");
    }
    return count;
  }
}
