package dev.roomcast.rooms.entity;

import java.util.Locale;

/**
 * How a room kind announces presence (F4.4): not at all, one event per user arriving or leaving
 * (seed 004's {@code user-joined}/{@code user-left}), or the changes of a short window in one
 * {@code presence:diff}, so a room of n members fills in O(n) deliveries instead of O(n²).
 */
public enum PresenceMode {
  NONE,
  EACH,
  BATCHED;

  /** Reads a kind's {@code presence} value; {@code true} and {@code false} as before batching. */
  public static PresenceMode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "false", "none" -> NONE;
      case "true", "each" -> EACH;
      case "batched" -> BATCHED;
      default -> throw new IllegalArgumentException(value);
    };
  }
}
