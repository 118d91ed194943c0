package dev.roomcast.platform.boundary;

import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request becomes its HTTP status and a coded JSON error. */
@Provider
public class RequestRejectedMapper implements ExceptionMapper<RequestRejected> {

  @Override
  public Response toResponse(RequestRejected rejected) {
    Response response = new ApiError(rejected.code(), rejected.getMessage()).toResponse();
    if (response.getStatus() == 401) {
      // RFC 6750: a 401 names the scheme that would be accepted
      response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"roomcast\"");
    }
    return response;
  }
}
