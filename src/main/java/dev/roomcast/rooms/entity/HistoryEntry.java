package dev.roomcast.rooms.entity;

/**
 * One published room event as history keeps it: the encoded frame exactly as members received it,
 * so a replay sends the original envelope (same type, room, roomSeq, serverSeq, eventId, data).
 *
 * @param roomSeq the event's number in its room's sequence
 * @param timestamp when it was published, epoch milliseconds (ages it out)
 * @param frame the encoded envelope
 */
public record HistoryEntry(long roomSeq, long timestamp, String frame) {}
