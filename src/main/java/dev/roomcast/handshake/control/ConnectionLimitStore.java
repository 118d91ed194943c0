package dev.roomcast.handshake.control;

/**
 * Connections per client IP (F4.2), keyed by the SHA-256 hash of the address so no address is
 * stored. Entries older than {@code staleAfterMillis} are dropped and no longer count.
 */
public interface ConnectionLimitStore {

  /** Registers a connection if the IP has fewer than {@code limit}; false if refused. */
  boolean admit(String ipHash, String sid, int limit, long nowMillis, long staleAfterMillis);

  /** Forgets a connection. */
  void release(String ipHash, String sid);

  /** Live connections of an IP. */
  int connectionCount(String ipHash, long nowMillis, long staleAfterMillis);

  /** Drops stale entries of every IP. */
  void purgeStale(long nowMillis, long staleAfterMillis);
}
