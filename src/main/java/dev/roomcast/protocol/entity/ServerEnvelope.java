package dev.roomcast.protocol.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The one shape of every server-to-client message (F2.4).
 *
 * @param type the event type, e.g. {@code room:update}
 * @param room the room the event was published to; null for replies to one connection
 * @param roomSeq the event's number in its room's sequence; null for replies
 * @param serverSeq the server-wide sequence number (the event's own, or the latest for replies)
 * @param timestamp server time, epoch milliseconds
 * @param eventId unique id of this event
 * @param data the payload: a record from {@link ServerPayload} or a JSON object (diffs)
 */
@JsonbPropertyOrder({"type", "room", "roomSeq", "serverSeq", "timestamp", "eventId", "data"})
public record ServerEnvelope(
    String type,
    String room,
    Long roomSeq,
    long serverSeq,
    long timestamp,
    String eventId,
    Object data) {}
