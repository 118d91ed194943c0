package dev.roomcast.drain.boundary;

import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.drain.control.NodeDrain;
import dev.roomcast.drain.entity.DrainReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/node/drain}: takes the node that receives it out of service (B6) and answers
 * once it is drained; for orchestrators' pre-stop hooks and for WildFly, which closes sockets
 * before the application hears of a SIGTERM. Backend only: it disconnects every client of the node.
 */
@Path("node")
@BackendOnly
public class DrainResource {

  @Inject NodeDrain drain;

  @POST
  @Path("drain")
  @Produces(MediaType.APPLICATION_JSON)
  public DrainReport drain() {
    return drain.drain("drain");
  }
}
