package dev.roomcast.protocol.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The typed payloads the server sends; room diffs and pass-through events travel as JSON objects
 * instead, since their fields are not fixed.
 */
public sealed interface ServerPayload {

  /** {@code connection_status}: sent once, right after the handshake (F2.1). */
  record ConnectionStatus(
      String status,
      String sid,
      long serverSeq,
      long serverTime,
      String userId,
      boolean authenticated)
      implements ServerPayload {}

  /** {@code ack:join} / {@code ack:leave}: the outcome of a subscription change (F2.2). */
  @JsonbPropertyOrder({
    "room",
    "success",
    "serverSeq",
    "roomSeq",
    "epoch",
    "resumed",
    "snapshot",
    "message",
    "errorType"
  })
  record MembershipAck(
      String room,
      boolean success,
      long serverSeq,
      Long roomSeq,
      String epoch,
      Boolean resumed,
      Object snapshot,
      String message,
      ErrorCode errorType)
      implements ServerPayload {

    /** An answer without the join-only fields: leaves and failures. */
    public MembershipAck(
        String room,
        boolean success,
        long serverSeq,
        Long roomSeq,
        String message,
        ErrorCode errorType) {
      this(room, success, serverSeq, roomSeq, null, null, null, message, errorType);
    }
  }

  /**
   * {@code sync:error}: the events after the client's position are gone (or its epoch is stale); it
   * must replace its state with a fresh snapshot (F2.6).
   */
  @JsonbPropertyOrder({"room", "code", "message", "epoch", "roomSeq"})
  record SyncError(String room, String code, String message, String epoch, Long roomSeq)
      implements ServerPayload {}

  /** {@code sync:complete}: every requested room is replayed up to the given positions (F2.6). */
  record SyncComplete(java.util.Map<String, Object> rooms) implements ServerPayload {}

  /** {@code health_status}: overall status and each component's (F2.8). */
  @JsonbPropertyOrder({"status", "components", "timestamp"})
  record HealthStatus(String status, java.util.Map<String, String> components, long timestamp)
      implements ServerPayload {}

  /** {@code ack:op}: a request succeeded (F2.5). */
  @JsonbNillable
  @JsonbPropertyOrder({"clientOpId", "success", "data"})
  record OpAck(String clientOpId, boolean success, Object data) implements ServerPayload {
    public OpAck(String clientOpId, Object data) {
      this(clientOpId, true, data);
    }
  }

  /** {@code err:op}: a request failed; {@code errorType} is an {@link ErrorCode} (F2.5). */
  @JsonbNillable
  @JsonbPropertyOrder({"clientOpId", "success", "message", "errorType"})
  record OpError(String clientOpId, boolean success, String message, ErrorCode errorType)
      implements ServerPayload {
    public OpError(String clientOpId, RequestRejected rejected) {
      this(clientOpId, false, rejected.getMessage(), rejected.code());
    }
  }

  /** {@code room:delete}: the room is gone; viewers should navigate away (F0.4). */
  record RoomDeleted(String roomId) implements ServerPayload {}

  /** {@code client_pong}: the answer to {@code client_ping} (F2.9). */
  record Pong(long serverTime) implements ServerPayload {}

  /**
   * {@code node:draining}: this node is going away (B6); the connection is closed with 1001 right
   * after. The client reconnects after {@code reconnectDelayMs} (jittered per connection, so the
   * clients of a node do not come back in one instant), preferably to another node, and resumes.
   */
  @JsonbPropertyOrder({"nodeId", "reason", "reconnect", "reconnectDelayMs"})
  record NodeDraining(String nodeId, String reason, boolean reconnect, long reconnectDelayMs)
      implements ServerPayload {}
}
