package dev.roomcast.drain.control;

import dev.roomcast.cluster.control.ClusterLink;
import dev.roomcast.cluster.control.DeadNodeCleanup;
import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.drain.entity.DrainReport;
import dev.roomcast.platform.control.NodeIdentity;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.ServerPayload.NodeDraining;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes this node out of service (B6), when asked ({@code POST /api/node/drain}, an orchestrator's
 * pre-stop hook) or when the application stops (SIGTERM, undeploy):
 *
 * <ol>
 *   <li>new sockets are refused and {@code /api/health} answers 503 {@code draining};
 *   <li>every connection gets {@code node:draining} with a jittered reconnect delay and is closed
 *       with 1001, which releases its presence, locks and presenter roles as any close does;
 *   <li>once their sockets are closed (or the drain timeout passed), whatever the store still holds
 *       for a connection of this node is released at once, as a survivor would after a crash, while
 *       the connections' own releases still run (either one's {@code user-left} goes out, once);
 *   <li>on stop, only then does the node leave the cluster's set of nodes ({@link ClusterLink}).
 * </ol>
 *
 * <p>The stop is caught at {@code @BeforeDestroyed(ApplicationScoped.class)}, the first hook of the
 * application's end, when every bean and the scheduler still work, and on SIGTERM also by a JVM
 * shutdown hook (see {@link #started}). Payara Micro runs both while the sockets can still be
 * written to, so its clients get the notice and the 1001. WildFly (Undertow) closes every socket
 * with 1001 itself before any application hook runs, so there the drain call must come first for
 * the clients to get the notice; the release happens either way.
 */
@ApplicationScoped
public class NodeDrain {

  private static final Logger LOG = Logger.getLogger(NodeDrain.class.getName());
  private static final long POLL_MILLIS = 50;

  @Inject SessionRegistry sessions;
  @Inject Replies replies;
  @Inject NodeIdentity node;
  @Inject Settings settings;
  @Inject DeadNodeCleanup cleanup;
  @Inject ClusterLink cluster;

  private volatile boolean draining;
  private DrainReport report;
  private boolean stopped;
  private volatile Thread signalHook;

  /** Whether this node refuses new sockets because it drains or stops. */
  public boolean draining() {
    return draining;
  }

  /**
   * Drains the node; a second call waits for the first and answers its report. The node keeps
   * serving REST and stays in the cluster (its heartbeat goes on) until it stops.
   */
  public synchronized DrainReport drain(String reason) {
    if (report != null) {
      return report;
    }
    draining = true;
    long start = System.nanoTime();
    LOG.info(
        "node " + node.id() + " drains (" + reason + "): " + sessions.count() + " connections");
    Map<String, Connection> notified = new HashMap<>();
    long deadline = start + settings.drainTimeout().toNanos();
    // a socket admitted just before the drain began registers only now: each pass tells the new
    int open = tellAndClose(reason, notified);
    while (open > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      open = tellAndClose(reason, notified);
    }
    int released = 0;
    boolean releasedAll = true;
    try {
      released = releaseHeld();
    } catch (RuntimeException e) {
      releasedAll = false;
      LOG.log(
          Level.WARNING,
          "node " + node.id() + " could not release what its connections held: " + e.getMessage());
    }
    report =
        new DrainReport(
            node.id(),
            open == 0 && releasedAll ? DrainReport.DRAINED : DrainReport.INCOMPLETE,
            notified.size(),
            open,
            released,
            (System.nanoTime() - start) / 1_000_000);
    LOG.info("node " + node.id() + " drained: " + report);
    return report;
  }

  /**
   * Drains on SIGTERM from a JVM shutdown hook of its own as well. Payara Micro undeploys the
   * application from its own hook, and its stop may give up half-way (under load it ended the
   * process 2 s after a SIGTERM, before or during the drain of 200 connections); the JVM waits for
   * every hook, so this one keeps the process alive until the drain is done. The container's stop
   * then waits for it at {@link #stopping}. Removed again when the application stops otherwise
   * (undeploy), so a redeployed application leaves none behind.
   */
  void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
    Thread hook = new Thread(this::stop, "roomcast-drain-on-stop");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      signalHook = hook;
    } catch (IllegalStateException | SecurityException e) {
      LOG.info("no JVM shutdown hook for the drain (" + e + "); the container's stop drains");
    }
  }

  /** The application stops (undeploy, or the container's stop on SIGTERM). */
  void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object application) {
    stop();
    Thread hook = signalHook;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is stopping: the hook has run (stop() waited for it) or is not needed
        LOG.fine(() -> "drain hook not removed: " + e);
      }
    }
  }

  /**
   * Stops once: the heartbeat goes first (so if this process is torn down half-way, survivors
   * release what is left without waiting for the node timeout), then the drain, then the node
   * leaves the cluster after releasing once more, so that it leaves the set of nodes only when
   * nothing of it is left.
   */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      cluster.stopBeating();
      drain("shutdown");
      cluster.depart(this::releaseHeld);
    } catch (RuntimeException | LinkageError e) {
      // the node stays registered without a heartbeat: a survivor releases what is left (a
      // LinkageError: a class first needed after the container had stopped the application's
      // class loader)
      LOG.log(Level.WARNING, "node " + node.id() + " stopped without a clean drain", e);
    }
  }

  /**
   * Tells and closes every connection not told yet; returns how many sockets are still open. Their
   * releases run on the scheduler meanwhile; the drain does not wait for them, since its own
   * release of everything the node's connections hold comes next and does the same in the store.
   */
  private int tellAndClose(String reason, Map<String, Connection> notified) {
    long spread = settings.drainReconnectSpread().toMillis();
    for (Connection connection : sessions.all()) {
      if (notified.putIfAbsent(connection.sid(), connection) == null) {
        long delay = spread <= 0 ? 0 : ThreadLocalRandom.current().nextLong(spread + 1);
        replies.send(
            connection, EventTypes.NODE_DRAINING, new NodeDraining(node.id(), reason, true, delay));
        connection.close(CloseCodes.GOING_AWAY, "Node " + reason);
      }
    }
    return (int) notified.values().stream().filter(c -> !c.hasEnded()).count();
  }

  private int releaseHeld() {
    return cleanup.release(node.id());
  }
}
