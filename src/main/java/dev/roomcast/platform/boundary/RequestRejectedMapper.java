package dev.roomcast.platform.boundary;

import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request becomes its HTTP status and a coded JSON error. */
@Provider
public class RequestRejectedMapper implements ExceptionMapper<RequestRejected> {

  @Override
  public Response toResponse(RequestRejected rejected) {
    return new ApiError(rejected.code(), rejected.getMessage()).toResponse();
  }
}
