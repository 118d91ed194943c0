package dev.roomcast.rooms.entity;

/** Body of {@code POST /api/rooms/{id}/frames}: how many frames to append (F0.7). */
public record FrameCountChange(Integer count) {}
