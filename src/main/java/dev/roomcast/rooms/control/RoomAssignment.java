package dev.roomcast.rooms.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.entity.RoomError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Server-side room assignment from handshake query parameters (F1.1, seed 001): {@code jobId=all}
 * joins {@code all-jobs}, {@code jobId=<24 hex>} joins {@code job:<id>}, {@code serverId=<id>}
 * joins {@code server:<id>}. A value no room kind accepts gets {@code room:error} and no room; the
 * connection stays (F1.2).
 */
@ApplicationScoped
public class RoomAssignment {

  private static final int MAX_ECHO = 64;

  private Subscriptions subscriptions;
  private Replies replies;

  protected RoomAssignment() {}

  @Inject
  public RoomAssignment(Subscriptions subscriptions, Replies replies) {
    this.subscriptions = subscriptions;
    this.replies = replies;
  }

  public void assign(Connection connection, Map<String, List<String>> query) {
    for (String jobId : query.getOrDefault("jobId", List.of())) {
      assign(connection, "jobId", jobId, "all".equals(jobId) ? "all-jobs" : "job:" + jobId);
    }
    for (String serverId : query.getOrDefault("serverId", List.of())) {
      assign(connection, "serverId", serverId, "server:" + serverId);
    }
  }

  private void assign(Connection connection, String parameter, String value, String room) {
    try {
      subscriptions.assign(connection, room);
    } catch (RequestRejected e) {
      String echo = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "..." : value;
      replies.send(
          connection,
          EventTypes.ROOM_ERROR,
          new RoomError(
              "jobId".equals(parameter) ? "Invalid job ID format" : "Invalid server ID format",
              e.code(),
              parameter,
              echo));
    }
  }
}
