package dev.roomcast.connection.boundary;

/**
 * The hard frame size limit of the sockets (B3). Frames up to {@code ROOMCAST_MAX_FRAME_BYTES} are
 * read and answered, longer ones up to this limit get a coded FRAME_TOO_LARGE; beyond it the
 * container closes the connection with 1009 without buffering the frame. It is a constant because
 * {@code @OnMessage(maxMessageSize)} must be one (containers ignore a per-session setting).
 */
public final class FrameLimits {

  /** 1 MiB: frames longer than this close the connection with 1009. */
  public static final long HARD_LIMIT = 1_048_576;

  private FrameLimits() {}
}
