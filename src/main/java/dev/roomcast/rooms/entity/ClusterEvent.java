package dev.roomcast.rooms.entity;

/**
 * A room event as it travels between nodes: which room, its numbers, the epoch of the room's stream
 * it belongs to (a new epoch means the stream was lost and started over), and the encoded frame
 * every member receives unchanged.
 */
public record ClusterEvent(String room, long roomSeq, long serverSeq, String epoch, String frame) {}
