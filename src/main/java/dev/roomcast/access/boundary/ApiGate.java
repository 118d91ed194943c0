package dev.roomcast.access.boundary;

import dev.roomcast.access.control.ApiAccess;
import dev.roomcast.access.control.CallerAuthentication;
import dev.roomcast.access.entity.Audience;
import dev.roomcast.access.entity.Caller;
import dev.roomcast.platform.boundary.ApiError;
import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * Checks every REST request (B10): who the {@code Authorization} header proves (credentials come
 * from nowhere else), whether a mutating call's {@code Origin} may call, and whether that caller
 * may call the matched endpoint ({@link BackendOnly}, {@link ClientAccess}, {@link OpenAccess};
 * none means backend-only). A refusal is the usual coded JSON error, with {@code WWW-Authenticate}
 * on 401. Plain JAX-RS, so it works on any container.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiGate implements ContainerRequestFilter {

  @Context ResourceInfo resource;
  @Inject CallerAuthentication authentication;
  @Inject ApiAccess access;

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      Caller caller = authentication.identify(request.getHeaderString(HttpHeaders.AUTHORIZATION));
      access.checkOrigin(
          request.getMethod(),
          request.getHeaderString("Origin"),
          ownOrigin(request.getUriInfo().getBaseUri()));
      access.check(audience(resource.getResourceMethod(), resource.getResourceClass()), caller);
      request.setSecurityContext(
          new CallerSecurityContext(
              caller, access.hasBackendRights(caller), request.getSecurityContext().isSecure()));
    } catch (RequestRejected refused) {
      Response.ResponseBuilder answer =
          Response.status(refused.code().httpStatus())
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(new ApiError(refused.code(), refused.getMessage()));
      if (refused.code().httpStatus() == 401) {
        answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"roomcast\"");
      }
      request.abortWith(answer.build());
    }
  }

  /** Who an endpoint is for: its method's annotation, else its class's, else the backend only. */
  public static Audience audience(Method method, Class<?> type) {
    Audience declared = declared(method);
    if (declared == null) {
      declared = declared(type);
    }
    return declared == null ? Audience.BACKEND : declared;
  }

  private static Audience declared(AnnotatedElement element) {
    if (element == null) {
      return null;
    }
    if (element.isAnnotationPresent(OpenAccess.class)) {
      return Audience.OPEN;
    }
    if (element.isAnnotationPresent(ClientAccess.class)) {
      return Audience.CLIENTS;
    }
    if (element.isAnnotationPresent(BackendOnly.class)) {
      return Audience.BACKEND;
    }
    return null;
  }

  private static String ownOrigin(URI base) {
    return base.getScheme() + "://" + base.getRawAuthority();
  }
}
