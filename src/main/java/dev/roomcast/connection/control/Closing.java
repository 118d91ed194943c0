package dev.roomcast.connection.control;

/**
 * CDI event fired when a connection closes, before it leaves its rooms: observers release what the
 * connection holds by more than its sid (its presence, its per-IP entry).
 *
 * @param connection the closing connection
 */
public record Closing(Connection connection) {}
