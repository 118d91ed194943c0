package dev.roomcast.observability.control;

import dev.roomcast.observability.entity.KindCount;
import dev.roomcast.observability.entity.Stats;
import dev.roomcast.protocol.entity.ServerPayload.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * This node's metrics in the Prometheus text exposition format 0.0.4 (B7), written by hand: a
 * handful of counters and gauges need no metrics library.
 */
@ApplicationScoped
public class PrometheusText {

  /** The content type Prometheus expects for this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private ServerStats stats;
  private HealthCheck health;

  protected PrometheusText() {}

  @Inject
  public PrometheusText(ServerStats stats, HealthCheck health) {
    this.stats = stats;
    this.health = health;
  }

  public String render() {
    Stats now = stats.now();
    HealthStatus status = health.status();
    StringBuilder text = new StringBuilder(1024);
    gauge(text, "roomcast_connections", "Open WebSocket connections", now.totalConnections());
    gauge(
        text, "roomcast_rooms", "Rooms with at least one member on this node", now.rooms().size());
    // one series per listed room (the backend creates them) and per kind: never per connection,
    // user or client-named room, so a client cannot add series (B12)
    text.append(
            "# HELP roomcast_room_members Members of each listed room (overview:public,"
                + " room:<id>) on this node\n")
        .append("# TYPE roomcast_room_members gauge\n");
    for (Map.Entry<String, Integer> room : now.rooms().entrySet()) {
      labelled(text, "roomcast_room_members", "room", room.getKey(), room.getValue());
    }
    text.append("# HELP roomcast_kind_rooms Rooms of each kind with members on this node\n")
        .append("# TYPE roomcast_kind_rooms gauge\n");
    for (Map.Entry<String, KindCount> kind : now.kinds().entrySet()) {
      labelled(text, "roomcast_kind_rooms", "kind", kind.getKey(), kind.getValue().rooms());
    }
    text.append("# HELP roomcast_kind_members Members of the rooms of each kind on this node\n")
        .append("# TYPE roomcast_kind_members gauge\n");
    for (Map.Entry<String, KindCount> kind : now.kinds().entrySet()) {
      labelled(text, "roomcast_kind_members", "kind", kind.getKey(), kind.getValue().members());
    }
    counter(text, "roomcast_events_in_total", "Frames received from clients", now.eventsIn());
    counter(text, "roomcast_events_out_total", "Frames sent to clients", now.eventsOut());
    counter(
        text,
        "roomcast_queue_drops_total",
        "Frames dropped because a connection's queue overflowed",
        now.queueDrops());
    counter(
        text,
        "roomcast_slow_consumer_closes_total",
        "Connections closed with 4008 for falling behind",
        now.slowConsumerCloses());
    counter(
        text,
        "roomcast_send_failures_total",
        "Connections whose send failed because their socket was gone",
        now.sendFailures());
    counter(
        text,
        "roomcast_refused_frames_total",
        "Frames refused before they were handled: too large, binary, not JSON, over the rate",
        now.refusedFrames());
    counter(
        text,
        "roomcast_protocol_closes_total",
        "Connections closed for breaking the WebSocket protocol or announcing too large a frame",
        now.protocolCloses());
    counter(
        text,
        "roomcast_handshake_timeouts_total",
        "Connections closed because their handshake's headers did not arrive in time",
        now.handshakeTimeouts());
    counter(
        text,
        "roomcast_peers_lost_total",
        "Connections closed because nothing, not even a pong to a transport ping, came back in time",
        now.peersLost());
    counter(
        text,
        "roomcast_log_lines_suppressed_total",
        "Connection incident log lines left out to keep the log bounded",
        now.logLinesSuppressed());
    text.append("# HELP roomcast_up Whether a component is up (1) or down (0)\n")
        .append("# TYPE roomcast_up gauge\n");
    for (Map.Entry<String, String> component : status.components().entrySet()) {
      text.append("roomcast_up{component=\"")
          .append(escape(component.getKey()))
          .append("\"} ")
          .append("up".equals(component.getValue()) ? 1 : 0)
          .append('\n');
    }
    return text.toString();
  }

  private static void labelled(
      StringBuilder text, String name, String label, String value, long count) {
    text.append(name)
        .append('{')
        .append(label)
        .append("=\"")
        .append(escape(value))
        .append("\"} ")
        .append(count)
        .append('\n');
  }

  private static void gauge(StringBuilder text, String name, String help, long value) {
    metric(text, name, help, "gauge", value);
  }

  private static void counter(StringBuilder text, String name, String help, long value) {
    metric(text, name, help, "counter", value);
  }

  private static void metric(StringBuilder text, String name, String help, String type, long v) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    text.append(name).append(' ').append(v).append('\n');
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
