package dev.roomcast.connection.control;

import dev.roomcast.protocol.entity.ErrorCode;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The {@code error} event of public-room connections and refused handshakes (F4.5).
 *
 * @param code the error code
 * @param message what went wrong
 * @param clientOpId the request's id, if it had one
 */
@JsonbPropertyOrder({"code", "message", "clientOpId"})
public record ErrorReply(ErrorCode code, String message, String clientOpId) {}
