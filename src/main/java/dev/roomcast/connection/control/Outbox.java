package dev.roomcast.connection.control;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's bounded outbound queue. At most one send is in flight per connection (a
 * WebSocket session is not safe for concurrent sends), no thread waits on a slow client, and a
 * client that falls {@code capacity} messages behind is cut off instead of slowing anyone else.
 */
public class Outbox {

  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

  private static final int PENDING = 0;
  private static final int HANDED_OVER = 1;

  private final FrameSink sink;
  private final int capacity;
  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private final Traffic traffic;

  public Outbox(FrameSink sink, int capacity) {
    this(sink, capacity, new Traffic());
  }

  /** An outbox that counts what it sends and drops into {@code traffic}. */
  public Outbox(FrameSink sink, int capacity, Traffic traffic) {
    this.sink = sink;
    this.capacity = capacity;
    this.traffic = traffic;
  }

  /**
   * Queues a frame without blocking.
   *
   * @return false if the connection is closed or was cut off because the queue is full
   */
  public boolean offer(String text) {
    if (closed.get()) {
      return false;
    }
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      overflow();
      return false;
    }
    queue.add(text);
    if (draining.compareAndSet(false, true)) {
      pump();
    }
    return true;
  }

  /** Frames waiting to be sent. */
  public int pending() {
    return size.get();
  }

  /** Stops sending; frames still queued are dropped. */
  public void close() {
    closed.set(true);
    queue.clear();
    size.set(0);
  }

  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Sends queued frames one after the other. Only the thread that set {@code draining} runs this. A
   * send that completes inline lets the loop go on; one that completes later resumes the loop from
   * its callback, so the stack never grows with the queue.
   */
  private void pump() {
    while (true) {
      String next = queue.poll();
      if (next == null || closed.get()) {
        draining.set(false);
        // a frame offered between poll() and set(false) would otherwise wait for the next offer
        if (queue.isEmpty() || closed.get() || !draining.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      size.decrementAndGet();
      AtomicInteger handoff = new AtomicInteger(PENDING);
      sink.send(
          next,
          failure -> {
            if (failure == null) {
              traffic.sent();
            } else {
              LOG.log(
                  Level.WARNING,
                  "send to session " + sink.id() + " failed: " + failure.getMessage(),
                  failure);
            }
            if (!handoff.compareAndSet(PENDING, HANDED_OVER)) {
              pump();
            }
          });
      if (handoff.compareAndSet(PENDING, HANDED_OVER)) {
        return; // the callback will resume
      }
    }
  }

  private void overflow() {
    if (closed.compareAndSet(false, true)) {
      // the frame being offered plus everything still queued
      traffic.dropped(1 + queue.size());
      traffic.cutOff();
      queue.clear();
      size.set(0);
      LOG.warning("session " + sink.id() + " fell " + capacity + " messages behind; closing it");
      sink.close(CloseCodes.SLOW_CONSUMER, "Slow consumer: outbound queue full");
    }
  }
}
