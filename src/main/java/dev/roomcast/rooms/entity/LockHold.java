package dev.roomcast.rooms.entity;

/**
 * The server-side half of a temporary lock, never sent to clients: who holds it and when it lapses.
 *
 * @param holderSid the connection that holds the lock
 * @param expiresAtMillis when the lock lapses unless refreshed, epoch milliseconds
 */
public record LockHold(String holderSid, long expiresAtMillis) {

  public boolean expiredAt(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }
}
