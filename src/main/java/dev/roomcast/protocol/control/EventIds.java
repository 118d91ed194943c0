package dev.roomcast.protocol.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique event ids without a random number per event: a per-node prefix chosen at start-up and a
 * counter.
 */
@ApplicationScoped
public class EventIds {

  private final String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
  private final AtomicLong counter = new AtomicLong();

  public String next() {
    return prefix + Long.toString(counter.incrementAndGet(), 36);
  }
}
