package dev.roomcast.observability.control;

import dev.roomcast.connection.control.IncidentLog;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.connection.control.Traffic;
import dev.roomcast.observability.entity.KindCount;
import dev.roomcast.observability.entity.Stats;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.rooms.entity.RoomKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads this node's connection and delivery counts (F1.5). Rooms are named one by one only where
 * the backend creates them ({@code overview:public}, {@code room:<id>}); every other room (one per
 * connection, per user, per job a client names) is counted in its kind, so the answer and the
 * metrics do not grow with what clients do (B12).
 */
@ApplicationScoped
public class ServerStats {

  /** The kind of a room name no configured kind matches (none can have members). */
  static final String UNKNOWN_KIND = "unknown";

  private SessionRegistry sessions;
  private RoomRegistry rooms;
  private Traffic traffic;
  private RoomKinds kinds;
  private IncidentLog incidents;

  protected ServerStats() {}

  @Inject
  public ServerStats(
      SessionRegistry sessions,
      RoomRegistry rooms,
      Traffic traffic,
      RoomKinds kinds,
      IncidentLog incidents) {
    this.sessions = sessions;
    this.rooms = rooms;
    this.traffic = traffic;
    this.kinds = kinds;
    this.incidents = incidents;
  }

  public Stats now() {
    Map<String, Integer> listed = new TreeMap<>();
    Map<String, int[]> byKind = new TreeMap<>();
    rooms
        .occupancy()
        .forEach(
            (room, members) -> {
              if (RoomNames.OVERVIEW.equals(room) || RoomNames.roomIdOf(room).isPresent()) {
                listed.put(room, members);
              }
              String kind = kinds.kindOf(room).map(RoomKind::name).orElse(UNKNOWN_KIND);
              int[] count = byKind.computeIfAbsent(kind, k -> new int[2]);
              count[0]++;
              count[1] += members;
            });
    Map<String, KindCount> perKind = new LinkedHashMap<>();
    byKind.forEach((kind, count) -> perKind.put(kind, new KindCount(count[0], count[1])));
    return new Stats(
        sessions.count(),
        listed,
        perKind,
        traffic.eventsIn(),
        traffic.eventsOut(),
        traffic.queueDrops(),
        traffic.slowConsumerCloses(),
        traffic.sendFailures(),
        traffic.refusedFrames(),
        traffic.protocolCloses(),
        traffic.handshakeTimeouts(),
        traffic.peersLost(),
        incidents.suppressed(),
        traffic.writePaths(),
        traffic.secureWritePaths());
  }
}
