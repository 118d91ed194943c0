package dev.roomcast.presence.entity;

/**
 * The outcome of adding or removing one connection's presence.
 *
 * @param occupantsChanged true if the user arrived (first connection) or left (last connection)
 * @param user the user after the change (before it, if the user left)
 * @param occupancy distinct users present after the change
 */
public record PresenceChange(boolean occupantsChanged, PresentUser user, int occupancy) {}
