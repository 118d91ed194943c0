package dev.roomcast.transport.control;

/**
 * The hard size limit of an incoming message (B3). Messages up to {@code ROOMCAST_MAX_FRAME_BYTES}
 * are read and answered, longer ones up to this limit get a coded FRAME_TOO_LARGE; beyond it the
 * connection is closed with 1009 without the message ever being held whole ({@link
 * MessageAssembly}). It is a constant because {@code @OnMessage(maxMessageSize)} must be one.
 */
public final class FrameLimits {

  /** 1 MiB of UTF-8: longer messages close the connection with 1009. */
  public static final long HARD_LIMIT = 1_048_576;

  private FrameLimits() {}
}
