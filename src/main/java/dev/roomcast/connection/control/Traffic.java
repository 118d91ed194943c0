package dev.roomcast.connection.control;

import dev.roomcast.connection.entity.WritePath;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's delivery counters since start (F1.5, B7): frames in from clients, frames out to them,
 * frames dropped because a queue overflowed, connections cut off for it (B2), and how connections'
 * frames reach their sockets.
 */
@ApplicationScoped
public class Traffic {

  private final LongAdder in = new LongAdder();
  private final LongAdder out = new LongAdder();
  private final LongAdder drops = new LongAdder();
  private final LongAdder slowConsumerCloses = new LongAdder();
  private final Map<WritePath, LongAdder> writePaths = new EnumMap<>(WritePath.class);

  public Traffic() {
    for (WritePath path : WritePath.values()) {
      writePaths.put(path, new LongAdder());
    }
  }

  /** A connection settled on how its frames reach the socket. */
  public void writesVia(WritePath path) {
    writePaths.get(path).increment();
  }

  /** Connections since start, by how their frames reached the socket. */
  public Map<String, Long> writePaths() {
    Map<String, Long> counts = new LinkedHashMap<>();
    writePaths.forEach((path, count) -> counts.put(path.key(), count.sum()));
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
