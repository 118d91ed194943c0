package dev.roomcast.rooms.entity;

/** Body of {@code POST /api/rooms}. Only {@code id} is required. */
public record CreateRoom(String id, String description, Boolean hidden, Boolean locked) {}
