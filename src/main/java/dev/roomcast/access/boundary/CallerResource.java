package dev.roomcast.access.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/caller}: who the request's credential proves, so a page (the console) can check a
 * credential before it loads anything (B10).
 */
@Path("caller")
@OpenAccess
public class CallerResource {

  @Context SecurityContext security;

  /** {@code {kind, name, backend}}: kind {@code anonymous}, {@code client} or {@code backend}. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> get() {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (security.getUserPrincipal() instanceof CallerPrincipal principal) {
      answer.put("kind", principal.caller().kind().name().toLowerCase(Locale.ROOT));
      answer.put("name", principal.getName());
    } else {
      answer.put("kind", "anonymous");
      answer.put("name", null);
    }
    answer.put("backend", security.isUserInRole(CallerSecurityContext.BACKEND_ROLE));
    return answer;
  }
}
