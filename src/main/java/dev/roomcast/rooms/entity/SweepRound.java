package dev.roomcast.rooms.entity;

import java.util.Set;

/**
 * One round of the state sweeper (B12), fired so that components above rooms free or keep their own
 * per-room state in the same round without rooms knowing them.
 *
 * @param roomsWithMembers the rooms with a member on this node, whose state must not expire
 */
public record SweepRound(long nowMillis, Set<String> roomsWithMembers) {}
