package dev.roomcast.observability.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * {@code GET /api/stats} (F1.5, B2, B3, B12): this node's connections, members per listed room
 * ({@code overview:public} and {@code room:<id>}, names only the backend creates), rooms and
 * members per room kind (every kind, so per-connection and per-user rooms add no entries), frames
 * in from and out to clients, frames dropped by overflowing queues, connections cut off for it,
 * connections whose send failed (their socket was gone), frames refused before they were handled,
 * connections closed for breaking the WebSocket protocol, connections closed for a handshake that
 * did not complete in time, connections closed because nothing, not even a pong, came back from
 * them in time, incident log lines left out, and connections by how their frames reach the socket
 * (portable, Tyrus writer, Grizzly queue), all of them and the secure ones (B11).
 */
@JsonbPropertyOrder({
  "totalConnections",
  "rooms",
  "kinds",
  "eventsIn",
  "eventsOut",
  "queueDrops",
  "slowConsumerCloses",
  "sendFailures",
  "refusedFrames",
  "protocolCloses",
  "handshakeTimeouts",
  "peersLost",
  "logLinesSuppressed",
  "writePaths",
  "secureWritePaths"
})
public record Stats(
    int totalConnections,
    Map<String, Integer> rooms,
    Map<String, KindCount> kinds,
    long eventsIn,
    long eventsOut,
    long queueDrops,
    long slowConsumerCloses,
    long sendFailures,
    long refusedFrames,
    long protocolCloses,
    long handshakeTimeouts,
    long peersLost,
    long logLinesSuppressed,
    Map<String, Long> writePaths,
    Map<String, Long> secureWritePaths) {}
