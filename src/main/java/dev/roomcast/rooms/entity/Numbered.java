package dev.roomcast.rooms.entity;

/** The numbers Redis gave an event when it was published. */
public record Numbered(long roomSeq, long serverSeq) {}
