package dev.roomcast.presence.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The payloads of presence events and answers (F4.4, F3.8). */
public final class PresenceEvents {

  private PresenceEvents() {}

  /** {@code user-joined}: a user's first connection joined. */
  @JsonbPropertyOrder({"userId", "userName", "joinedAt", "currentOccupancy"})
  public record UserJoined(String userId, String userName, String joinedAt, int currentOccupancy) {}

  /** {@code user-left}: a user's last connection left. */
  @JsonbPropertyOrder({"userId", "currentOccupancy"})
  public record UserLeft(String userId, int currentOccupancy) {}

  /**
   * {@code presence:diff}: a batched room's arrivals and departures of one window (F4.4). A client
   * removes {@code leaves}, then adds or replaces {@code joins}; the lists never name the same
   * user, and a user who came and went within the window is in neither.
   */
  @JsonbPropertyOrder({"joins", "leaves", "currentOccupancy"})
  public record PresenceDiff(List<Arrival> joins, List<Departure> leaves, int currentOccupancy) {}

  /** A user of {@link PresenceDiff#joins()}: present now, since {@code joinedAt}. */
  @JsonbPropertyOrder({"userId", "userName", "joinedAt"})
  public record Arrival(String userId, String userName, String joinedAt) {}

  /** A user of {@link PresenceDiff#leaves()}: no longer present. */
  public record Departure(String userId) {}

  /** One present user as listed over REST and the socket. */
  @JsonbPropertyOrder({"userId", "userName", "connections", "isActive", "joinedAt"})
  public record Member(
      String userId,
      String userName,
      int connections,
      @JsonbProperty("isActive") boolean isActive,
      String joinedAt) {

    public static Member of(PresentUser user) {
      return new Member(
          user.userId(),
          user.userName(),
          user.connections().size(),
          user.anyActive(),
          user.joinedAt());
    }
  }

  /** A room's presence list: {@code GET /api/rooms/{id}/presence} and {@code presence:list}. */
  @JsonbPropertyOrder({"room", "occupancy", "members"})
  public record PresenceList(String room, int occupancy, List<Member> members) {}
}
