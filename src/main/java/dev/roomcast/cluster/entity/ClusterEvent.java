package dev.roomcast.cluster.entity;

/**
 * A room event as it travels between nodes: which room, its number there, and the encoded frame
 * every member receives unchanged.
 */
public record ClusterEvent(String room, long roomSeq, String frame) {}
