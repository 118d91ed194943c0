package dev.roomcast.rooms.entity;

import jakarta.json.bind.annotation.JsonbNillable;

/** The default room, as {@code GET/PUT /api/default-room} read and write it. */
@JsonbNillable
public record DefaultRoom(String roomId) {}
