package dev.roomcast.platform.boundary;

import dev.roomcast.protocol.entity.ErrorCode;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything no closer mapper handles: a body that is not the JSON it should be becomes 400
 * INVALID_JSON; anything else is a bug, logged and answered 500 INTERNAL_ERROR without a trace.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<RuntimeException> {

  private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

  @Override
  public Response toResponse(RuntimeException e) {
    if (isUnreadableBody(e)) {
      return new ApiError(ErrorCode.INVALID_JSON, "Request body is not valid JSON for this call")
          .toResponse();
    }
    LOG.log(Level.SEVERE, "REST request failed", e);
    return new ApiError(ErrorCode.INTERNAL_ERROR, "Internal error; the request was not applied")
        .toResponse();
  }

  private static boolean isUnreadableBody(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonException
          || t instanceof JsonbException
          || t instanceof ProcessingException) {
        return true;
      }
    }
    return false;
  }
}
