package dev.roomcast.access.boundary;

import dev.roomcast.access.entity.Caller;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The JAX-RS security context of a checked request: role {@value #BACKEND_ROLE} for the backend's
 * rights, {@value #CLIENT_ROLE} for a verified handshake token.
 */
public class CallerSecurityContext implements SecurityContext {

  /** The role of callers with the backend's rights. */
  public static final String BACKEND_ROLE = "backend";

  /** The role of callers that showed a valid handshake token. */
  public static final String CLIENT_ROLE = "client";

  private final Caller caller;
  private final boolean backendRights;
  private final boolean secure;

  public CallerSecurityContext(Caller caller, boolean backendRights, boolean secure) {
    this.caller = caller;
    this.backendRights = backendRights;
    this.secure = secure;
  }

  @Override
  public Principal getUserPrincipal() {
    return caller.isAnonymous() ? null : new CallerPrincipal(caller);
  }

  @Override
  public boolean isUserInRole(String role) {
    return switch (role) {
      case BACKEND_ROLE -> backendRights;
      case CLIENT_ROLE -> caller.kind() == Caller.Kind.CLIENT;
      default -> false;
    };
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return caller.isAnonymous() ? null : "Bearer";
  }
}
