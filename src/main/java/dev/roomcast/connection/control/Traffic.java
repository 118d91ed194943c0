package dev.roomcast.connection.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's delivery counters since start (F1.5, B7): frames in from clients, frames out to them,
 * frames dropped because a queue overflowed, and connections cut off for it (B2).
 */
@ApplicationScoped
public class Traffic {

  private final LongAdder in = new LongAdder();
  private final LongAdder out = new LongAdder();
  private final LongAdder drops = new LongAdder();
  private final LongAdder slowConsumerCloses = new LongAdder();

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
