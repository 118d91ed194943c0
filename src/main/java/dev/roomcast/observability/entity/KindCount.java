package dev.roomcast.observability.entity;

/**
 * The rooms of one kind with members on this node, and their members (connections, counted once per
 * room).
 */
public record KindCount(int rooms, int members) {}
