package dev.roomcast.rooms.entity;

/** Where a published event landed in the sequences, so the publisher can correlate. */
public record Published(String room, long roomSeq, long serverSeq, String eventId) {}
