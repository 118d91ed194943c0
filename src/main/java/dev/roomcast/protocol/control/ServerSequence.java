package dev.roomcast.protocol.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest server-wide sequence number this node has seen, kept here so that replies (acks,
 * errors, {@code connection_status}) never ask the store for it: a reply must go out even while the
 * store is down.
 */
@ApplicationScoped
public class ServerSequence {

  private final AtomicLong latest = new AtomicLong();

  /** An event with this serverSeq was published or delivered here. */
  public void observe(long serverSeq) {
    latest.accumulateAndGet(serverSeq, Math::max);
  }

  /** The highest serverSeq seen so far (0 before any). */
  public long latest() {
    return latest.get();
  }
}
