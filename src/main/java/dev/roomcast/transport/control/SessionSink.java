package dev.roomcast.transport.control;

import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link FrameSink} on a Jakarta WebSocket session, sending asynchronously: on Tyrus, pre-built
 * frames straight to the transport, several queued ones in one write; elsewhere, one {@code
 * sendText} per frame. It learns that the socket is gone from the endpoint's {@code @OnClose}, from
 * its own close, and, where the container allows, from the transport itself ({@link
 * TyrusFastPath}).
 */
public class SessionSink implements FrameSink {

  private static final Logger LOG = Logger.getLogger(SessionSink.class.getName());
  // how many queued frames one write may gather on the fast path
  private static final int GATHER = 64;

  private final Session session;
  private final Executor executor;
  private final RemoteEndpoint.Async remote;
  private final TyrusFastPath.RawWriter raw;
  private final CompletableFuture<Void> gone = new CompletableFuture<>();

  public SessionSink(Session session, Executor executor, TyrusFastPath fastPath) {
    this.session = session;
    this.executor = executor;
    this.remote = session.getAsyncRemote();
    this.raw = fastPath.adopt(session, this).orElse(null);
  }

  @Override
  public void whenGone(Runnable listener) {
    gone.thenRun(listener);
  }

  /** The socket is gone (the container or the transport said so); idempotent. */
  public void gone() {
    gone.complete(null);
  }

  @Override
  public String id() {
    return session.getId();
  }

  @Override
  public int batchLimit() {
    return raw == null ? 1 : GATHER;
  }

  @Override
  public void send(List<OutboundFrame> frames, Consumer<Throwable> done) {
    try {
      if (!session.isOpen()) {
        done.accept(new IOException("session closed"));
      } else if (raw == null && frames.get(0).isPing()) {
        remote.sendPing(ByteBuffer.allocate(0));
        done.accept(null);
      } else if (raw == null) {
        remote.sendText(frames.get(0).text(), result -> done.accept(result.getException()));
      } else {
        raw.write(gather(frames), done);
      }
    } catch (IOException e) {
      done.accept(e);
    } catch (RuntimeException e) {
      // Tyrus throws a plain RuntimeException for a socket that closed meanwhile: the client left
      done.accept(session.isOpen() ? e : new IOException("session closed: " + e.getMessage(), e));
    }
  }

  private static ByteBuffer gather(List<OutboundFrame> frames) {
    if (frames.size() == 1) {
      // the shared array, wrapped per connection: writers read it and never change it
      return ByteBuffer.wrap(frames.get(0).wire());
    }
    int length = 0;
    for (OutboundFrame frame : frames) {
      length += frame.wire().length;
    }
    ByteBuffer gathered = ByteBuffer.allocate(length);
    for (OutboundFrame frame : frames) {
      gathered.put(frame.wire());
    }
    return gathered.flip();
  }

  @Override
  public void close(int code, String reason) {
    // the caller may be a broadcast holding a room's lock; closing writes, so it happens elsewhere
    executor.execute(
        () -> {
          try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
          } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "closing session " + session.getId() + " failed: " + e);
          } finally {
            // closed on purpose: gone, whether or not the container reports it
            gone();
          }
        });
  }
}
