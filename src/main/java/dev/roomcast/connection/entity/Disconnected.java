package dev.roomcast.connection.entity;

/** CDI event: a connection is gone; whatever it held (locks, presenter role) must be released. */
public record Disconnected(String sid) {}
