package dev.roomcast.platform.boundary;

import dev.roomcast.protocol.entity.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every REST error body: {@code {code, message}} with a code from {@link ErrorCode}.
 *
 * @param code the error code, the same names as the socket's {@code errorType}
 * @param message what went wrong, for people
 */
public record ApiError(ErrorCode code, String message) {

  public Response toResponse() {
    return Response.status(code.httpStatus())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(this)
        .build();
  }
}
