package dev.roomcast.protocol.entity;

/** A request the server refuses, with the code and message the client is told. */
public class RequestRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public RequestRejected(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
