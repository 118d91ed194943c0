package dev.roomcast.protocol.entity;

/**
 * Every error a client can be told about, over WebSocket ({@code errorType}) and REST ({@code
 * code}); each carries the HTTP status REST answers with.
 */
public enum ErrorCode {
  INVALID_JSON(400),
  INVALID_REQUEST(400),
  UNKNOWN_TYPE(400),
  INVALID_ROOM(400),
  ROOM_NOT_FOUND(404),
  ROOM_EXISTS(409),
  ROOM_LOCKED(423),
  LOCK_HELD(409),
  LOCK_NOT_HELD(409),
  NOT_LOCK_HOLDER(403),
  PRESENTER_TAKEN(409),
  NOT_PRESENTER(403),
  NOT_MEMBER(403),
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  UNSUPPORTED_MEDIA_TYPE(415),
  UNAUTHORIZED(401),
  BACKEND_ONLY(403),
  BACKEND_NOT_CONFIGURED(403),
  ORIGIN_NOT_ALLOWED(403),
  FRAME_TOO_LARGE(413),
  BINARY_NOT_SUPPORTED(415),
  RATE_LIMITED(429),
  TOO_MANY_ROOMS(429),
  INVALID_USER(403),
  JOIN_ERROR(409),
  LEAVE_ERROR(409),
  TOO_MANY_CONNECTIONS(429),
  CONNECTION_ERROR(500),
  CONNECTION_TIMEOUT(408),
  INVALID_PACKET(400),
  INTERNAL_ERROR(500),
  STORE_UNAVAILABLE(503),
  NODE_DRAINING(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
