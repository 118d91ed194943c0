package dev.roomcast.socketio.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Socket.IO connections of this node, for the {@link EngineHeartbeat}: those that connected,
 * and those whose CONNECT is still to come, which hold no roomcast connection yet (no limit counts
 * them and no transport ping reaches them), so the heartbeat gives them a deadline.
 */
@ApplicationScoped
public class SocketIoSessions {

  private final Set<SocketIoSink> open = ConcurrentHashMap.newKeySet();
  private final Set<SocketIoSink> awaitingConnect = ConcurrentHashMap.newKeySet();

  /** A socket or polling session is open, its CONNECT still to come. */
  public void awaitConnect(SocketIoSink sink) {
    awaitingConnect.add(sink);
    sink.whenGone(() -> awaitingConnect.remove(sink));
  }

  /** Those still waiting for their CONNECT. */
  public Collection<SocketIoSink> awaitingConnect() {
    return Collections.unmodifiableSet(awaitingConnect);
  }

  public void add(SocketIoSink sink) {
    awaitingConnect.remove(sink);
    open.add(sink);
  }

  public void remove(SocketIoSink sink) {
    open.remove(sink);
  }

  public Collection<SocketIoSink> all() {
    return Collections.unmodifiableSet(open);
  }
}
