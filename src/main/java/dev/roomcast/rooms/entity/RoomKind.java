package dev.roomcast.rooms.entity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One kind of room, as configured in {@code room-kinds.properties} (F1.2, F1.3).
 *
 * @param name the kind's name, e.g. {@code job}
 * @param pattern what the whole room name must match
 * @param join who may join over the socket
 * @param publish who may publish over the socket (publishers must also be members)
 * @param presence whether members become present, and how that is announced
 * @param aggregates rooms that also receive this room's events; {@code {id}} is the "id" group
 */
public record RoomKind(
    String name,
    Pattern pattern,
    Access join,
    Access publish,
    PresenceMode presence,
    List<String> aggregates) {}
