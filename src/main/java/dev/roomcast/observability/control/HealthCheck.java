package dev.roomcast.observability.control;

import dev.roomcast.cluster.control.ClusterLink;
import dev.roomcast.config.control.Settings;
import dev.roomcast.drain.control.NodeDrain;
import dev.roomcast.protocol.entity.ServerPayload.HealthStatus;
import dev.roomcast.rooms.control.HistoryStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether this node can serve (F2.8, B7): each component is {@code up} or {@code down}, and the
 * node is {@code healthy} only if all are, and {@code draining} while it is being taken out of
 * service (B6). The state store is probed with a real read, so a Redis that went away shows as down
 * (component {@code redis} is reported when the store is Redis).
 */
@ApplicationScoped
public class HealthCheck {

  private static final Logger LOG = Logger.getLogger(HealthCheck.class.getName());

  private HistoryStore store;
  private Settings settings;
  private ClusterLink cluster;
  private NodeDrain drain;
  private Clock clock;

  protected HealthCheck() {}

  @Inject
  public HealthCheck(HistoryStore store, Settings settings, ClusterLink cluster, NodeDrain drain) {
    this.store = store;
    this.settings = settings;
    this.cluster = cluster;
    this.drain = drain;
    this.clock = Clock.systemUTC();
  }

  public HealthStatus status() {
    Map<String, String> components = new TreeMap<>();
    String storeState = probeStore();
    components.put("store", storeState);
    if ("redis".equals(settings.store())) {
      components.put("redis", storeState);
      // events from other nodes arrive only while the subscription is up
      components.put("events", cluster.subscribed() ? "up" : "down");
    }
    boolean healthy = components.values().stream().allMatch("up"::equals);
    String status = healthy ? "healthy" : "unhealthy";
    if (drain.draining()) {
      // load balancers move traffic away while the node's clients re-home (B6)
      status = "draining";
    }
    return new HealthStatus(status, components, clock.millis());
  }

  private String probeStore() {
    try {
      store.currentServerSeq();
      return "up";
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "health check: state store unavailable: " + e.getMessage());
      return "down";
    }
  }
}
