package dev.roomcast.rooms.entity;

import dev.roomcast.protocol.entity.ErrorCode;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * {@code room:error}: a handshake parameter named no legal room, so none was joined (F1.2).
 *
 * @param message what was wrong, as seed 001 words it
 * @param code the error code, e.g. INVALID_ROOM
 * @param parameter the query parameter, e.g. {@code jobId}
 * @param value the value it had (cut to 64 characters)
 */
@JsonbPropertyOrder({"message", "code", "parameter", "value"})
public record RoomError(String message, ErrorCode code, String parameter, String value) {}
