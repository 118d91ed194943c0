package dev.roomcast.rooms.entity;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * What the room shows about a temporary lock: who holds it, why, and since when.
 *
 * @param msg the holder's message, e.g. "Uploading"
 * @param userName the holder's display name
 * @param timestamp when the lock was taken or last re-messaged, in Unix seconds (as seed 000)
 */
@JsonbNillable
public record LockMetadata(String msg, String userName, Double timestamp) {}
