package dev.roomcast.rooms.entity;

/**
 * Where a room's event stream stands: the last {@code roomSeq} allocated and the {@code epoch} that
 * names this lifetime of the sequence.
 */
public record StreamPosition(long roomSeq, String epoch) {}
