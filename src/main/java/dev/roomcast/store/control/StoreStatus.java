package dev.roomcast.store.control;

/**
 * Whether the shared state can be reached right now, known without asking it: what a new connection
 * is refused on when the store is down, so it is not left waiting for answers that cannot come.
 */
public interface StoreStatus {

  /** False while the store (Redis) is known to be unreachable; the in-memory store always is. */
  boolean reachable();
}
