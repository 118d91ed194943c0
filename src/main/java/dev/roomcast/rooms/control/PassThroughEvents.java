package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.protocol.entity.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Which non-metadata event types may be published into a room as they are (F0.8): those the
 * setting's patterns match, never a type of the protocol itself (a pattern like {@code *} cannot
 * let a client forge {@code sync:error}).
 */
@ApplicationScoped
public class PassThroughEvents {

  private List<String> patterns;

  protected PassThroughEvents() {}

  @Inject
  public PassThroughEvents(Settings settings) {
    this(settings.passThroughEvents());
  }

  public PassThroughEvents(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  public boolean allows(String type) {
    if (EventTypes.isReserved(type)) {
      return false;
    }
    for (String pattern : patterns) {
      boolean match =
          pattern.endsWith("*")
              ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                  && type.length() >= pattern.length()
              : type.equals(pattern);
      if (match) {
        return true;
      }
    }
    return false;
  }

  public List<String> patterns() {
    return patterns;
  }
}
