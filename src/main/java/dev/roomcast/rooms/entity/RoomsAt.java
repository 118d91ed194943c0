package dev.roomcast.rooms.entity;

import dev.roomcast.protocol.entity.RoomPosition;
import java.util.List;

/** The room list together with the {@code overview:public} position it reflects (F2.3). */
public record RoomsAt(List<RoomMetadata> rooms, RoomPosition position) {}
