package dev.roomcast.rooms.entity;

import jakarta.json.JsonObject;

/** Body of {@code POST /api/rooms/{id}/events}: a pass-through event from the backend (F0.8). */
public record PublishEvent(String type, JsonObject data) {}
