package dev.roomcast.rooms.control;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each room's deliveries one after the other, in the order they were handed in, and different
 * rooms' side by side on a few threads, so a room whose delivery waits (for history from Redis to
 * fill a gap) holds up its own events and no other room's. No thread per room: a room's lane exists
 * while it has work queued and runs on the shared pool.
 *
 * <p>The thread that receives every node's events delivers an event itself when its room has
 * nothing queued or running and the delivery needs no wait ({@link #deliver}): a hand-off per event
 * cost the cluster path a fifth of its throughput on a busy core (S4), while the wait-free step
 * (numbers checked, frames queued to outboxes under the room's lock) takes microseconds.
 *
 * <p>Bounded: a lane that falls {@link #MAX_QUEUED_PER_ROOM} behind drops what comes next. That
 * leaves a gap in the room's roomSeq, which the room's next delivered event fills from history (see
 * {@link SharedDistribution#deliver}), so members still get every event in order or are told.
 */
final class DeliveryLanes implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DeliveryLanes.class.getName());
  static final int MAX_QUEUED_PER_ROOM = 10_000;
  // a busy room gives the pool's threads to other rooms after this many deliveries in a row
  private static final int BATCH = 64;

  private final ExecutorService pool;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  DeliveryLanes(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, "roomcast-delivery-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(threads, factory);
  }

  /**
   * Runs {@code quick} on the calling thread if the room has no delivery queued or running, and
   * otherwise queues {@code full} behind the room's earlier ones. {@code quick} must not wait on
   * I/O; it returns false when it cannot finish without waiting, and then {@code full} runs on the
   * pool ahead of whatever was queued for the room meanwhile, so the room's order holds either way.
   */
  void deliver(String room, BooleanSupplier quick, Runnable full) {
    Lane claimed = new Lane(room);
    // held by this thread while quick runs: deliveries handed in meanwhile queue behind it
    claimed.scheduled = true;
    if (lanes.putIfAbsent(room, claimed) != null) {
      submit(room, full);
      return;
    }
    boolean done = true;
    try {
      done = quick.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "delivering an event of room " + room + " failed", e);
    } finally {
      boolean finished = done;
      Lane[] toStart = new Lane[1];
      lanes.compute(
          room,
          (key, lane) -> {
            if (!finished) {
              lane.queue.addFirst(full);
            }
            if (lane.queue.isEmpty()) {
              return null;
            }
            toStart[0] = lane;
            return lane;
          });
      if (toStart[0] != null) {
        start(toStart[0]);
      }
    }
  }

  /** Queues {@code delivery} behind the room's earlier ones; false if dropped (lane full). */
  boolean submit(String room, Runnable delivery) {
    boolean[] queued = new boolean[1];
    Lane[] toStart = new Lane[1];
    lanes.compute(
        room,
        (key, lane) -> {
          Lane current = lane == null ? new Lane(key) : lane;
          if (current.queue.size() >= MAX_QUEUED_PER_ROOM) {
            return current;
          }
          current.queue.add(delivery);
          queued[0] = true;
          if (!current.scheduled) {
            current.scheduled = true;
            toStart[0] = current;
          }
          return current;
        });
    if (toStart[0] != null) {
      start(toStart[0]);
    }
    if (!queued[0]) {
      LOG.warning(
          "room "
              + room
              + ": "
              + MAX_QUEUED_PER_ROOM
              + " deliveries queued; an event is dropped and filled from history later");
    }
    return queued[0];
  }

  /** Rooms with deliveries queued or running now. */
  int busyRooms() {
    return lanes.size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private void start(Lane lane) {
    try {
      pool.execute(lane);
    } catch (RejectedExecutionException e) {
      // the application is stopping: nobody is left to deliver to
      lanes.remove(lane.room);
    }
  }

  /** Takes the room's next delivery, or retires the lane when there is none (atomically). */
  private Runnable next(Lane lane) {
    Runnable[] next = new Runnable[1];
    lanes.computeIfPresent(
        lane.room,
        (key, current) -> {
          next[0] = current.queue.poll();
          return next[0] == null ? null : current;
        });
    return next[0];
  }

  /** One room's queue; its fields change only inside {@code lanes.compute} for its room. */
  private final class Lane implements Runnable {
    final String room;
    final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    boolean scheduled;

    Lane(String room) {
      this.room = room;
    }

    @Override
    public void run() {
      for (int i = 0; i < BATCH; i++) {
        Runnable delivery = next(this);
        if (delivery == null) {
          return; // retired: the next submit starts a new lane, after this one's last delivery
        }
        try {
          delivery.run();
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "delivering an event of room " + room + " failed", e);
        }
      }
      start(this); // more may be queued: back of the pool's line, still scheduled
    }
  }
}
