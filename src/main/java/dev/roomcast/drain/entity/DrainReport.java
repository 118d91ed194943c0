package dev.roomcast.drain.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The outcome of a drain (B6).
 *
 * @param nodeId the node that drained
 * @param status {@code drained} when every connection was closed and released and what they held in
 *     the store is free; {@code incomplete} when connections were still open at the timeout or the
 *     store failed (a survivor then finishes the release once this node stops)
 * @param notified connections told with {@code node:draining} and closed with 1001
 * @param remaining connections whose socket was still open when the drain gave up waiting
 * @param releasedRooms rooms whose lock or presenter role the drain's own release freed (the rest
 *     went with their connections' releases)
 * @param tookMillis how long the drain took
 */
@JsonbPropertyOrder({"nodeId", "status", "notified", "remaining", "releasedRooms", "tookMillis"})
public record DrainReport(
    String nodeId, String status, int notified, int remaining, int releasedRooms, long tookMillis) {

  public static final String DRAINED = "drained";
  public static final String INCOMPLETE = "incomplete";

  public boolean complete() {
    return DRAINED.equals(status);
  }
}
