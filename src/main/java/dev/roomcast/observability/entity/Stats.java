package dev.roomcast.observability.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * {@code GET /api/stats} (F1.5, B2): this node's connections, members per room, frames in from and
 * out to clients, frames dropped by overflowing queues, connections cut off for it, and connections
 * by how their frames reach the socket (portable, Tyrus writer, Grizzly queue).
 */
@JsonbPropertyOrder({
  "totalConnections",
  "rooms",
  "eventsIn",
  "eventsOut",
  "queueDrops",
  "slowConsumerCloses",
  "writePaths"
})
public record Stats(
    int totalConnections,
    Map<String, Integer> rooms,
    long eventsIn,
    long eventsOut,
    long queueDrops,
    long slowConsumerCloses,
    Map<String, Long> writePaths) {}
