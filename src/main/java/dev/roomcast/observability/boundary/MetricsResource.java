package dev.roomcast.observability.boundary;

import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.observability.control.PrometheusText;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/metrics}: Prometheus text format (B7). */
@Path("metrics")
@BackendOnly
public class MetricsResource {

  @Inject PrometheusText metrics;

  @GET
  public Response get() {
    return Response.ok(metrics.render()).type(PrometheusText.CONTENT_TYPE).build();
  }
}
