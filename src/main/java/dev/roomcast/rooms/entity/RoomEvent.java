package dev.roomcast.rooms.entity;

import jakarta.json.JsonObject;

/**
 * Body of {@code POST /api/events}: an event from the backend into any legal room.
 *
 * @param room the room's wire name, e.g. {@code job:507f1f77bcf86cd799439011}
 * @param type the event type
 * @param data the payload
 */
public record RoomEvent(String room, String type, JsonObject data) {}
