package dev.roomcast.observability.control;

import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.connection.control.Traffic;
import dev.roomcast.observability.entity.Stats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads this node's connection and delivery counts (F1.5). */
@ApplicationScoped
public class ServerStats {

  private SessionRegistry sessions;
  private RoomRegistry rooms;
  private Traffic traffic;

  protected ServerStats() {}

  @Inject
  public ServerStats(SessionRegistry sessions, RoomRegistry rooms, Traffic traffic) {
    this.sessions = sessions;
    this.rooms = rooms;
    this.traffic = traffic;
  }

  public Stats now() {
    return new Stats(
        sessions.count(),
        rooms.occupancy(),
        traffic.eventsIn(),
        traffic.eventsOut(),
        traffic.queueDrops(),
        traffic.slowConsumerCloses(),
        traffic.writePaths());
  }
}
