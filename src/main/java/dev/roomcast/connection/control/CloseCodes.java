package dev.roomcast.connection.control;

/** The application close codes roomcast uses (4000-4999); docs/protocol.md lists them. */
public final class CloseCodes {
  /** The client did not read fast enough and its outbound queue overflowed (B2). */
  public static final int SLOW_CONSUMER = 4008;

  private CloseCodes() {}
}
