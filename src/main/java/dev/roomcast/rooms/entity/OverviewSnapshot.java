package dev.roomcast.rooms.entity;

import java.util.List;

/** The state {@code overview:public} reflects: every room that is not hidden (F2.3). */
public record OverviewSnapshot(List<RoomMetadata> rooms) {}
