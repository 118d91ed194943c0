package dev.roomcast.protocol.entity;

import jakarta.json.JsonObject;

/**
 * The one shape of every client-to-server message (F3.5).
 *
 * @param type what the client asks for, e.g. {@code join:room}
 * @param room the destination room, e.g. {@code room:abc}, where the type needs one
 * @param clientOpId the client's id for this request, echoed in its {@code ack:op}/{@code err:op}
 * @param data the request's fields; may be absent
 */
public record ClientEnvelope(String type, String room, String clientOpId, JsonObject data) {}
