package dev.roomcast.socketio.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The Socket.IO connections of this node, for the {@link EngineHeartbeat}. */
@ApplicationScoped
public class SocketIoSessions {

  private final Set<SocketIoSink> open = ConcurrentHashMap.newKeySet();

  public void add(SocketIoSink sink) {
    open.add(sink);
  }

  public void remove(SocketIoSink sink) {
    open.remove(sink);
  }

  public Collection<SocketIoSink> all() {
    return Collections.unmodifiableSet(open);
  }
}
