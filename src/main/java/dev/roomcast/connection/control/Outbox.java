package dev.roomcast.connection.control;

import dev.roomcast.protocol.entity.CloseCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's bounded outbound queue. At most one send is in flight per connection (a
 * WebSocket session is not safe for concurrent sends), no thread waits on a slow client, and a
 * client that falls {@code capacity} messages behind is cut off instead of slowing anyone else.
 * Frames that queued up while a send was in flight leave together, as one write where the sink can.
 * A send that fails ends the outbox: nothing more is sent to a connection whose socket is gone, the
 * failure is logged once (through the {@link IncidentLog}) and reported to whoever asked with
 * {@link #whenFailed}.
 */
public class Outbox {

  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

  private static final int PENDING = 0;
  private static final int HANDED_OVER = 1;
  // a run of queued frames stops growing past this many characters, so one write stays bounded
  private static final int RUN_CHARS = 64 * 1024;

  private final FrameSink sink;
  private final int capacity;
  private final int batchLimit;
  private final Queue<OutboundFrame> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  // frames of a replay still counted in size: they raise the bound, so a resuming client is not
  // cut off by its own replay (history bounds how many there can be)
  private final AtomicInteger replayAllowance = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean closeFired = new AtomicBoolean();
  private final AtomicBoolean failed = new AtomicBoolean();
  // how many pong timeouts a written ping may go unanswered while the socket still takes frames
  static final int BACKLOG_GRACE = 3;
  // a transport ping waits in the queue: at most one does, so probes cannot grow it
  private final AtomicBoolean pingWaiting = new AtomicBoolean();
  // a ping was handed to the sink and its write has not completed, the peer not heard since
  private volatile boolean pingInFlight;
  // when the first ping since the peer was last heard was written to the socket (0: none was)
  private volatile long pingWrittenMillis;
  // when a send of data last completed: a socket that still takes frames has a peer that reads
  private volatile long progressMillis;
  private final LongSupplier clock;
  private volatile Runnable onFailure = () -> {};
  // set once a close is asked for: frames already queued still go out, then the sink is closed
  private volatile int closeCode;
  private volatile String closeReason;

  private final Traffic traffic;
  private final IncidentLog incidents;

  public Outbox(FrameSink sink, int capacity) {
    this(sink, capacity, new Traffic());
  }

  /** An outbox that counts what it sends and drops into {@code traffic}. */
  public Outbox(FrameSink sink, int capacity, Traffic traffic) {
    this(sink, capacity, traffic, new IncidentLog());
  }

  /** An outbox that counts into {@code traffic} and logs a failed send to {@code incidents}. */
  public Outbox(FrameSink sink, int capacity, Traffic traffic, IncidentLog incidents) {
    this(sink, capacity, traffic, incidents, System::currentTimeMillis);
  }

  Outbox(FrameSink sink, int capacity, Traffic traffic, IncidentLog incidents, LongSupplier clock) {
    this.clock = clock;
    this.progressMillis = clock.getAsLong();
    this.sink = sink;
    this.capacity = capacity;
    this.batchLimit = Math.max(1, sink.batchLimit());
    this.traffic = traffic;
    this.incidents = incidents;
  }

  /**
   * Runs {@code listener} once when a send fails (the socket is gone), on the thread that learned
   * it, which may be a broadcast's: the listener must only hand the news on.
   */
  public void whenFailed(Runnable listener) {
    this.onFailure = listener;
  }

  /**
   * Queues a frame without blocking.
   *
   * @return false if the connection is closed or was cut off because the queue is full
   */
  public boolean offer(String text) {
    return offer(new OutboundFrame(text));
  }

  /**
   * Queues an encoded frame without blocking; the same frame may go to many outboxes.
   *
   * @return false if the connection is closed or was cut off because the queue is full
   */
  public boolean offer(OutboundFrame frame) {
    if (closed.get() || closeReason != null) {
      return false;
    }
    if (size.incrementAndGet() > capacity + replayAllowance.get()) {
      size.decrementAndGet();
      overflow();
      return false;
    }
    enqueue(frame);
    return true;
  }

  /** Puts a counted frame in line and starts the sender if none runs. */
  private void enqueue(OutboundFrame frame) {
    if (draining.compareAndSet(false, true)) {
      if (queue.isEmpty()) {
        // nothing waits and nothing is in flight: this frame goes out first, without a queue node
        pump(frame);
      } else {
        queue.add(frame);
        pump(null);
      }
      return;
    }
    queue.add(frame);
    // the sender may have found the queue empty and stopped just before the add
    if (draining.compareAndSet(false, true)) {
      pump(null);
    }
  }

  /**
   * Queues a resuming client's missed frames, in order, on top of the capacity: the bound then
   * applies to what arrives live beyond the replay.
   *
   * @return false if the connection is closed or was cut off
   */
  public boolean replay(List<String> frames) {
    replayAllowance.addAndGet(frames.size());
    for (String frame : frames) {
      if (!offer(frame)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Queues a transport ping behind whatever waits, unless one is waiting or unanswered. It goes in
   * even when the queue is at its bound (one control frame over it at most): a peer that only
   * receives is heard only through its pong, and frames written into the kernel's buffer prove
   * nothing about the peer, so a busy connection must be probed like an idle one or it is taken for
   * lost.
   */
  public void probe() {
    // one ping at a time: the next only once the peer answered this one
    if (closed.get()
        || closeReason != null
        || pingInFlight
        || pingWrittenMillis != 0
        || !pingWaiting.compareAndSet(false, true)) {
      return;
    }
    size.incrementAndGet();
    enqueue(OutboundFrame.PING);
  }

  /**
   * Whether a transport ping went unanswered: it still waits, or is being written, and no send
   * completed for {@code pongTimeoutMillis} (a peer that stopped reading); or it was written that
   * long ago without a pong, and either nothing could be written since for as long (a vanished or
   * stalled peer) or {@link #BACKLOG_GRACE} times as long has passed. A socket that keeps taking
   * frames has a peer that keeps reading: a ping written behind a backlog in the transport's and
   * the kernel's buffers reaches the peer only after it, so its pong may come later than the
   * timeout, up to the grace; the kernel's buffer can also take frames for a peer that is gone,
   * which the grace bounds. A peer that falls behind meets the queue's bound (4008) first.
   */
  public boolean pingUnanswered(long nowMillis, long pongTimeoutMillis) {
    boolean stalled = nowMillis - progressMillis >= pongTimeoutMillis;
    long written = pingWrittenMillis;
    if (written != 0) {
      long since = nowMillis - written;
      return since >= pongTimeoutMillis && (stalled || since >= BACKLOG_GRACE * pongTimeoutMillis);
    }
    return (pingWaiting.get() || pingInFlight) && stalled;
  }

  /** The peer answered (or sent anything): pings sent so far are answered. */
  public void peerHeard() {
    pingInFlight = false;
    pingWrittenMillis = 0;
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

  /** Accepts no more frames, sends those already queued, then closes with this code. */
  public void closeAfterDrain(int code, String reason) {
    if (closed.get() || closeReason != null) {
      return;
    }
    closeCode = code;
    closeReason = reason;
    if (draining.compareAndSet(false, true)) {
      pump(null);
    }
  }

  /** Closes at once, dropping whatever is queued: for a client that does not read at all. */
  public void closeNow(int code, String reason) {
    closeCode = code;
    closeReason = reason;
    queue.clear();
    size.set(0);
    fireClose();
  }

  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Sends queued frames, a run at a time: {@code first} (a frame that skipped the queue) or the
   * oldest queued one, plus whatever else is queued, up to the sink's batch limit. Only the thread
   * that set {@code draining} runs this. A send that completes inline lets the loop go on; one that
   * completes later resumes the loop from its callback, so the stack never grows with the queue.
   */
  private void pump(OutboundFrame first) {
    OutboundFrame head = first;
    while (true) {
      if (head == null) {
        head = queue.poll();
      }
      if (head == null || closed.get()) {
        draining.set(false);
        if (closeReason != null && queue.isEmpty()) {
          fireClose();
          return;
        }
        // a frame offered between poll() and set(false) would otherwise wait for the next offer
        if (queue.isEmpty() || closed.get() || !draining.compareAndSet(false, true)) {
          return;
        }
        head = null;
        continue;
      }
      List<OutboundFrame> run = run(head);
      head = null;
      boolean carriesPing = pingWaiting.get() && containsPing(run);
      // the server's own pings prove nothing: only data the socket takes shows a peer reading
      boolean carriesData = run.size() > 1 || !run.get(0).isPing();
      if (carriesPing) {
        pingInFlight = true;
        pingWaiting.set(false);
      }
      size.addAndGet(-run.size());
      if (replayAllowance.get() > 0) {
        int sent = run.size();
        replayAllowance.getAndUpdate(allowance -> Math.max(0, allowance - sent));
      }
      AtomicInteger handoff = new AtomicInteger(PENDING);
      sink.send(
          run,
          failure -> {
            if (failure == null) {
              traffic.sent(run.size());
              long now = clock.getAsLong();
              if (carriesData) {
                progressMillis = now;
              }
              if (carriesPing && pingInFlight) {
                pingInFlight = false;
                if (pingWrittenMillis == 0) {
                  pingWrittenMillis = now;
                }
              }
            } else {
              failed(failure);
            }
            if (!handoff.compareAndSet(PENDING, HANDED_OVER)) {
              pump(null);
            }
          });
      if (handoff.compareAndSet(PENDING, HANDED_OVER)) {
        return; // the callback will resume
      }
    }
  }

  /** The first failed send ends the outbox; frames in flight may report more, which are moot. */
  private void failed(Throwable failure) {
    if (!failed.compareAndSet(false, true)) {
      return;
    }
    closed.set(true);
    traffic.sendFailed();
    queue.clear();
    size.set(0);
    // the client went away: expected, so one line without a stack trace; anything else is a bug
    incidents.report(
        LOG,
        failure instanceof IOException ? Level.INFO : Level.WARNING,
        () -> "send to session " + sink.id() + " failed, the connection ends: " + failure,
        failure instanceof IOException ? null : failure);
    onFailure.run();
  }

  private static boolean containsPing(List<OutboundFrame> run) {
    for (OutboundFrame frame : run) {
      if (frame.isPing()) {
        return true;
      }
    }
    return false;
  }

  private List<OutboundFrame> run(OutboundFrame head) {
    if (batchLimit == 1 || queue.isEmpty()) {
      return List.of(head);
    }
    List<OutboundFrame> run = new ArrayList<>();
    run.add(head);
    int chars = head.text().length();
    OutboundFrame next;
    while (run.size() < batchLimit && chars < RUN_CHARS && (next = queue.poll()) != null) {
      run.add(next);
      chars += next.text().length();
    }
    return run;
  }

  private void fireClose() {
    if (closeFired.compareAndSet(false, true)) {
      closed.set(true);
      sink.close(closeCode, closeReason);
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
