package dev.roomcast.socketio.control;

import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Engine.IO's HTTP long-polling transport as a {@link FrameSink}: what the outbox sends waits until
 * the client's next {@code GET} takes it, all of it in one response ({@code \u001e} between
 * packets), and only then is the send complete, so a client that stops polling backs its outbox up
 * to the bound and is then cut off (4008), or is found by the transport ping (4010), exactly as a
 * WebSocket client that stops reading. The outbox has at most one send in flight, so at most one
 * batch waits here.
 *
 * <p>On the upgrade to WebSocket ({@link #upgrade}) the waiting batch and every later send go to
 * the WebSocket instead, and the parked poll is answered with a noop so the client's polling ends.
 */
public class PollingTransport implements FrameSink {

  /** Between packets in one polling response or request body. */
  public static final char SEPARATOR = '\u001e';

  /** A parked {@code GET}: answered once, with the packets it carries. */
  public interface Poll {
    void answer(String packets);
  }

  private final String id;
  private final CompletableFuture<Void> gone = new CompletableFuture<>();
  private final Object lock = new Object();
  // guarded by lock
  private List<OutboundFrame> waiting;
  private Consumer<Throwable> waitingDone;
  private Poll parked;
  private FrameSink upgraded;
  private boolean closed;
  private volatile long lastPollMillis = System.currentTimeMillis();

  public PollingTransport(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  /** Many packets per response while polling; after the upgrade what the WebSocket takes. */
  @Override
  public int batchLimit() {
    synchronized (lock) {
      return upgraded == null ? 64 : upgraded.batchLimit();
    }
  }

  /** When the client last polled. */
  public long lastPollMillis() {
    return lastPollMillis;
  }

  @Override
  public void send(List<OutboundFrame> frames, Consumer<Throwable> done) {
    Poll taker;
    FrameSink next;
    synchronized (lock) {
      next = upgraded;
      taker = null;
      if (next == null) {
        if (closed) {
          done.accept(new IOException("polling session closed"));
          return;
        }
        if (parked == null) {
          if (waiting == null) {
            waiting = frames;
            waitingDone = done;
          } else {
            // a DISCONNECT while the outbox's batch still waits (a close): both go together
            List<OutboundFrame> both = new ArrayList<>(waiting);
            both.addAll(frames);
            Consumer<Throwable> earlier = waitingDone;
            waiting = both;
            waitingDone =
                failure -> {
                  earlier.accept(failure);
                  done.accept(failure);
                };
          }
          return;
        }
        taker = parked;
        parked = null;
      }
    }
    if (next != null) {
      PacketRuns.send(next, frames, done);
      return;
    }
    taker.answer(joined(frames));
    done.accept(null);
  }

  /** A client's {@code GET}: answered at once if something waits, else parked until it does. */
  public void poll(Poll poll) {
    lastPollMillis = System.currentTimeMillis();
    List<OutboundFrame> taken = null;
    Consumer<Throwable> takenDone = null;
    Poll replaced = null;
    String ended = null;
    synchronized (lock) {
      if (closed) {
        ended = "1";
      } else if (upgraded != null) {
        ended = "6";
      } else if (waiting != null) {
        taken = waiting;
        takenDone = waitingDone;
        waiting = null;
        waitingDone = null;
      } else {
        replaced = parked;
        parked = poll;
      }
    }
    if (ended != null) {
      poll.answer(ended);
      return;
    }
    if (replaced != null) {
      // one poll at a time: an overlapping one takes the place of the older, which ends empty
      replaced.answer("6");
    }
    if (taken != null) {
      poll.answer(joined(taken));
      takenDone.accept(null);
    }
  }

  /** A parked poll's time is up: it ends with a noop, and the client polls again. */
  public void expire(Poll poll) {
    synchronized (lock) {
      if (parked != poll) {
        return;
      }
      parked = null;
    }
    poll.answer("6");
  }

  /**
   * The client moved to WebSocket: the batch waiting here and every later send go to {@code
   * websocket}, and this transport is gone when that socket is.
   *
   * @return false if the session already moved to another socket or ended: this one is refused
   */
  public boolean upgrade(FrameSink websocket) {
    List<OutboundFrame> taken;
    Consumer<Throwable> takenDone;
    Poll ended;
    synchronized (lock) {
      if (upgraded != null || closed) {
        return false;
      }
      upgraded = websocket;
      taken = waiting;
      takenDone = waitingDone;
      waiting = null;
      waitingDone = null;
      ended = parked;
      parked = null;
    }
    websocket.whenGone(this::gone);
    if (ended != null) {
      ended.answer("6");
    }
    if (taken != null) {
      PacketRuns.send(websocket, taken, takenDone);
    }
    return true;
  }

  /** The socket this transport was upgraded to, or null. */
  public FrameSink upgradedTo() {
    synchronized (lock) {
      return upgraded;
    }
  }

  @Override
  public void close(int code, String reason) {
    FrameSink next;
    Poll ended;
    Consumer<Throwable> failed;
    synchronized (lock) {
      next = upgraded;
      closed = true;
      ended = parked;
      parked = null;
      failed = waitingDone;
      waiting = null;
      waitingDone = null;
    }
    if (next != null) {
      next.close(code, reason);
      return;
    }
    if (ended != null) {
      ended.answer("1");
    }
    if (failed != null) {
      failed.accept(new IOException("polling session closed"));
    }
    gone();
  }

  /** Whether {@link #close} ran. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** The session is over, whoever ended it. */
  public void gone() {
    gone.complete(null);
  }

  @Override
  public void whenGone(Runnable listener) {
    gone.thenRun(listener);
  }

  private static String joined(List<OutboundFrame> frames) {
    StringBuilder body = new StringBuilder();
    for (OutboundFrame frame : frames) {
      if (body.length() > 0) {
        body.append(SEPARATOR);
      }
      body.append(frame.text());
    }
    return body.toString();
  }
}
