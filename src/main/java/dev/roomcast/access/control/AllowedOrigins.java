package dev.roomcast.access.control;

import java.util.List;

/**
 * The {@code ROOMCAST_ALLOWED_ORIGINS} rule (B3, B10), the same for sockets and REST: {@code *}
 * allows any origin, {@code https://app.example} that origin, {@code http://host:*} the host on any
 * port. No {@code Origin} header (not a browser) always passes.
 */
public final class AllowedOrigins {

  private final List<String> entries;

  public AllowedOrigins(List<String> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Whether a page from {@code origin} (the header's value, null if none) may call. */
  public boolean allows(String origin) {
    if (origin == null || entries.contains("*")) {
      return true;
    }
    String trimmed = origin.trim();
    for (String entry : entries) {
      if (entry.endsWith(":*")
          ? trimmed.startsWith(entry.substring(0, entry.length() - 1))
          : entry.equals(trimmed)) {
        return true;
      }
    }
    return false;
  }
}
