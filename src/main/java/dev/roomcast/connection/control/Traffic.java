package dev.roomcast.connection.control;

import dev.roomcast.connection.entity.WritePath;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's delivery counters since start (F1.5, B7): frames in from clients, frames out to them,
 * frames dropped because a queue overflowed, connections cut off for it (B2), connections whose
 * send failed, frames refused before they were handled (B3), connections closed for breaking the
 * WebSocket protocol, for a handshake that did not complete in time or for a peer that went silent,
 * and how connections' frames reach their sockets, for all connections and for secure ({@code
 * wss://}) ones (B11).
 */
@ApplicationScoped
public class Traffic {

  private final LongAdder in = new LongAdder();
  private final LongAdder out = new LongAdder();
  private final LongAdder drops = new LongAdder();
  private final LongAdder slowConsumerCloses = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();
  private final LongAdder refusedFrames = new LongAdder();
  private final LongAdder protocolCloses = new LongAdder();
  private final LongAdder handshakeTimeouts = new LongAdder();
  private final LongAdder peersLost = new LongAdder();
  private final Map<WritePath, LongAdder> writePaths = new EnumMap<>(WritePath.class);
  private final Map<WritePath, LongAdder> secureWritePaths = new EnumMap<>(WritePath.class);

  public Traffic() {
    for (WritePath path : WritePath.values()) {
      writePaths.put(path, new LongAdder());
      secureWritePaths.put(path, new LongAdder());
    }
  }

  /** A connection, over TLS if {@code secure}, settled on how its frames reach the socket. */
  public void writesVia(WritePath path, boolean secure) {
    writePaths.get(path).increment();
    if (secure) {
      secureWritePaths.get(path).increment();
    }
  }

  /** Connections since start, by how their frames reached the socket. */
  public Map<String, Long> writePaths() {
    return counts(writePaths);
  }

  /** Secure connections since start, by how their frames reached the socket (B11). */
  public Map<String, Long> secureWritePaths() {
    return counts(secureWritePaths);
  }

  private static Map<String, Long> counts(Map<WritePath, LongAdder> paths) {
    Map<String, Long> counts = new LinkedHashMap<>();
    paths.forEach((path, count) -> counts.put(path.key(), count.sum()));
    return counts;
  }

  /** A frame arrived from a client. */
  public void received() {
    in.increment();
  }

  void sent(int frames) {
    out.add(frames);
  }

  void dropped(int frames) {
    drops.add(frames);
  }

  void cutOff() {
    slowConsumerCloses.increment();
  }

  /** A send failed: the connection's socket is gone. */
  void sendFailed() {
    sendFailures.increment();
  }

  /**
   * A frame was refused before it was handled: too large, binary, not JSON or over the rate limit.
   */
  public void refused() {
    refusedFrames.increment();
  }

  /** A connection was closed for breaking the WebSocket protocol or sending too large a frame. */
  public void protocolClose() {
    protocolCloses.increment();
  }

  /** A connection was closed because its handshake's headers did not arrive in time. */
  public void handshakeTimedOut() {
    handshakeTimeouts.increment();
  }

  /** A connection was closed because nothing came back from its peer in time. */
  void peerLost() {
    peersLost.increment();
  }

  public long peersLost() {
    return peersLost.sum();
  }

  public long handshakeTimeouts() {
    return handshakeTimeouts.sum();
  }

  public long sendFailures() {
    return sendFailures.sum();
  }

  public long refusedFrames() {
    return refusedFrames.sum();
  }

  public long protocolCloses() {
    return protocolCloses.sum();
  }

  public long eventsIn() {
    return in.sum();
  }

  public long eventsOut() {
    return out.sum();
  }

  public long queueDrops() {
    return drops.sum();
  }

  public long slowConsumerCloses() {
    return slowConsumerCloses.sum();
  }
}
