package dev.roomcast.protocol.entity;

/**
 * A point in one room's event stream (F2.6): the last {@code roomSeq} a client has, in the sequence
 * lifetime named by {@code epoch}.
 */
public record RoomPosition(Long roomSeq, String epoch) {}
