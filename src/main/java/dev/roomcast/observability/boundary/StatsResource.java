package dev.roomcast.observability.boundary;

import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.observability.control.ServerStats;
import dev.roomcast.observability.entity.Stats;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/stats}: connections, members per room, traffic (F1.5). */
@Path("stats")
@BackendOnly
public class StatsResource {

  @Inject ServerStats stats;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Stats get() {
    return stats.now();
  }
}
