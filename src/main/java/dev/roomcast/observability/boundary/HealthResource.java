package dev.roomcast.observability.boundary;

import dev.roomcast.access.boundary.OpenAccess;
import dev.roomcast.observability.control.HealthCheck;
import dev.roomcast.protocol.entity.ServerPayload.HealthStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/health}: 200 when every component is up, else 503 (F2.8, B7), and 503 {@code
 * draining} while the node drains (B6). Open to load balancers without a credential (B10): it tells
 * only up or down, no connection or user.
 */
@Path("health")
@OpenAccess
public class HealthResource {

  @Inject HealthCheck health;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get() {
    HealthStatus status = health.status();
    return Response.status("healthy".equals(status.status()) ? 200 : 503).entity(status).build();
  }
}
