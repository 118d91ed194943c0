package dev.roomcast.rooms.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A room's current state and the sequence it reflects (F2.7, F3.4): what {@code
 * client:request_current_state} and {@code GET /api/rooms/{id}/state} answer.
 *
 * @param room the wire name
 * @param epoch the lifetime of the room's sequence
 * @param roomSeq the latest event the snapshot reflects
 * @param lastBroadcastTimestamp when the latest event was published (epoch millis), null if never
 * @param snapshot {@link RoomMetadata} or {@link OverviewSnapshot}
 */
@JsonbNillable
@JsonbPropertyOrder({"room", "epoch", "roomSeq", "lastBroadcastTimestamp", "snapshot"})
public record RoomState(
    String room, String epoch, long roomSeq, Long lastBroadcastTimestamp, Object snapshot) {}
