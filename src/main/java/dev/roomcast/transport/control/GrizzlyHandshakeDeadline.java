package dev.roomcast.transport.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.Transport;

/**
 * Closes a Payara connection whose first HTTP request (normally the WebSocket upgrade) has not sent
 * all of its headers within the deadline: a slow-loris client that trickles a header byte now and
 * then keeps Grizzly's idle timeout from ever firing, and Grizzly has no deadline of its own for a
 * request's headers.
 *
 * <p>A probe on the transport's connections sees each new connection's first event and every read
 * until the end of the headers (an empty line); {@link #sweep} closes the ones past the deadline.
 * Connections the transport accepted before the probe was added are not watched. Loaded only once
 * {@link TyrusFastPath} found a Grizzly connection, so no other container links against Grizzly.
 */
final class GrizzlyHandshakeDeadline extends ConnectionProbe.Adapter implements HandshakeSweep {

  // a connection's progress towards the end of its first request's headers, or done
  private static final class Progress {
    final long startNanos = System.nanoTime();
    // how much of CR LF CR LF the last bytes matched
    int matched;
    volatile boolean done;
  }

  private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};
  private static final Progress FINISHED = new Progress();

  static {
    FINISHED.done = true;
  }

  private final long deadlineNanos;
  private final Runnable onTimeout;
  private final Transport transport;
  private final Map<Connection<?>, Progress> connections = new ConcurrentHashMap<>();

  private GrizzlyHandshakeDeadline(Duration deadline, Runnable onTimeout, Transport transport) {
    this.deadlineNanos = deadline.toNanos();
    this.onTimeout = onTimeout;
    this.transport = transport;
  }

  /**
   * Adds a deadline to the connections {@code connection}'s transport accepts from now on, unless
   * {@code connection} is not a Grizzly connection.
   *
   * @param onTimeout runs for each connection closed for missing the deadline
   * @return the deadline, to be swept regularly; null if there is no Grizzly transport
   */
  static HandshakeSweep install(Object connection, Duration deadline, Runnable onTimeout) {
    if (!(connection instanceof Connection<?> grizzly)) {
      return null;
    }
    Transport transport = grizzly.getTransport();
    GrizzlyHandshakeDeadline probe = new GrizzlyHandshakeDeadline(deadline, onTimeout, transport);
    transport.getConnectionMonitoringConfig().addProbes(probe);
    return probe;
  }

  /** Stops watching new connections (the transport outlives the application); forgets the rest. */
  @Override
  public void uninstall() {
    transport.getConnectionMonitoringConfig().removeProbes(this);
    connections.clear();
  }

  /** Closes the watched connections whose headers did not end in time; returns how many. */
  @Override
  public int sweep() {
    long now = System.nanoTime();
    int closed = 0;
    for (Map.Entry<Connection<?>, Progress> watched : connections.entrySet()) {
      Progress progress = watched.getValue();
      if (!progress.done
          && now - progress.startNanos > deadlineNanos
          && connections.remove(watched.getKey(), progress)) {
        watched.getKey().closeSilently();
        onTimeout.run();
        closed++;
      }
    }
    return closed;
  }

  @Override
  public void onIOEventEnableEvent(Connection connection, IOEvent ioEvent) {
    seen(connection);
  }

  @Override
  public void onIOEventReadyEvent(Connection connection, IOEvent ioEvent) {
    seen(connection);
  }

  @Override
  public void onReadEvent(Connection connection, Buffer data, int size) {
    Progress progress = seen(connection);
    if (progress.done || size <= 0) {
      return;
    }
    // the bytes just read end at the buffer's position
    int end = data.position();
    synchronized (progress) {
      for (int i = Math.max(0, end - size); i < end && !progress.done; i++) {
        byte next = data.get(i);
        if (next == END_OF_HEADERS[progress.matched]) {
          progress.matched++;
          if (progress.matched == END_OF_HEADERS.length) {
            progress.done = true;
          }
        } else {
          progress.matched = next == '\r' ? 1 : 0;
        }
      }
    }
  }

  @Override
  public void onCloseEvent(Connection connection) {
    connections.remove(connection);
  }

  private Progress seen(Connection<?> connection) {
    Progress known = connections.get(connection);
    if (known != null) {
      return known;
    }
    if (!connection.isOpen()) {
      return FINISHED; // an event after the close must not bring it back
    }
    return connections.computeIfAbsent(connection, c -> new Progress());
  }
}
