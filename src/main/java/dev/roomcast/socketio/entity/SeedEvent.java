package dev.roomcast.socketio.entity;

import jakarta.json.JsonValue;

/**
 * A client's event after the seeds' names were mapped to roomcast's: its request type, its data and
 * the room it names, if the mapping put one in.
 */
public record SeedEvent(String type, JsonValue data, String room) {}
