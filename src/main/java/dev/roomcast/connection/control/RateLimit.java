package dev.roomcast.connection.control;

/**
 * A token bucket for one connection's inbound messages (B3): {@code perSecond} on average, up to
 * {@code burst} at once. Only the connection's reading thread uses it, but the container may switch
 * that thread, so it is synchronized.
 */
public class RateLimit {

  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  public RateLimit(int perSecond, int burst) {
    this.perNano = perSecond / 1e9;
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
    this.last = System.nanoTime();
  }

  /** A limit that never refuses, for connections made in unit tests. */
  public static RateLimit unlimited() {
    return new RateLimit(Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /** Takes one message's token; false if the connection is over its rate. */
  public synchronized boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
