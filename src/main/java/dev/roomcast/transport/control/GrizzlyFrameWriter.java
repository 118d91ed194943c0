package dev.roomcast.transport.control;

import dev.roomcast.connection.control.Traffic;
import dev.roomcast.connection.entity.WritePath;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.ssl.SSLUtils;

/**
 * Writes complete, pre-built frames straight into a Grizzly connection's asynchronous write queue,
 * under Payara's servlet output stream and HTTP filter chain.
 *
 * <p>Why: on Payara, Tyrus's servlet writer flushes every frame through the servlet output buffer
 * and Grizzly's whole write filter chain (HTTP codec, idle-timeout bookkeeping, a filter-chain
 * context per write). Profiles showed that chain as about a quarter of the server's CPU in a
 * broadcast, for bytes that on an upgraded connection pass through it unchanged. The write queue
 * keeps Grizzly's own ordering and back-pressure. Frames Tyrus writes itself (pongs, close frames)
 * still go the servlet way; both are whole-frame writes into the same queue, so they never
 * interleave inside a frame. A broadcast's frame array is shared by every member's write: Grizzly
 * (4.0) wraps it without copying and, once written, disposes a buffer only when its {@code
 * allowBufferDispose} flag is set, which a wrapped array never has, so the array is never handed to
 * a memory pool while other writes still read it (re-check on a Grizzly upgrade). Loaded only once
 * {@link TyrusFastPath} found Tyrus's servlet writer on a session that is not secure.
 *
 * <p>The queue is below every filter of the connection, TLS included: a connection that turns out
 * to carry TLS anyway (a session that did not report itself secure) stays on Tyrus's writer, whose
 * bytes pass the TLS filter (B11).
 */
final class GrizzlyFrameWriter implements TyrusFastPath.RawWriter {

  private final Object tyrusWriter;
  private final TyrusFastPath.RawWriter tyrus;
  private final PayaraRoute route;
  private final Traffic traffic;
  // the Outbox writes one run at a time, so these change on one thread at a time
  private volatile Target target;
  private volatile boolean givenUp;

  /**
   * A writer into the Grizzly connection under {@code tyrusWriter} (Tyrus's servlet writer, which
   * {@code route} fits), writing through {@code tyrus} until Tyrus has opened its servlet stream on
   * the connection's first frame. The path the connection settles on is counted in {@code traffic}.
   */
  GrizzlyFrameWriter(
      Object tyrusWriter, TyrusFastPath.RawWriter tyrus, PayaraRoute route, Traffic traffic) {
    this.tyrusWriter = tyrusWriter;
    this.tyrus = tyrus;
    this.route = route;
    this.traffic = traffic;
  }

  @Override
  public void write(ByteBuffer frames, Consumer<Throwable> done) {
    Target to = target;
    if (to == null && !givenUp) {
      to = resolve();
    }
    if (to == null) {
      tyrus.write(frames, done);
      return;
    }
    // checked here so a closed connection always reports an exception, never a null cause
    if (!to.connection().isOpen()) {
      done.accept(new IOException("connection closed"));
      return;
    }
    to.queue()
        .write(
            to.connection(),
            null,
            Buffers.wrap(to.connection().getMemoryManager(), frames),
            new Completion(done),
            null,
            null);
  }

  /** The Grizzly connection and its write queue, once Tyrus opened its stream; null until then. */
  private Target resolve() {
    try {
      Object stream = route.streamOf(tyrusWriter);
      if (stream == null) {
        return null; // Tyrus opens its servlet stream on the first frame it writes
      }
      Object under = route.connectionUnder(stream);
      if (under instanceof Connection<?> open && SSLUtils.getSSLEngine(open) != null) {
        return stayOnTyrus(true);
      }
      if (under instanceof Connection<?> open
          && open.getTransport() instanceof AsyncQueueEnabledTransport transport) {
        target = Target.of(open, transport.getAsyncQueueIO().getWriter());
        traffic.writesVia(WritePath.GRIZZLY_QUEUE, false);
        return target;
      }
      return stayOnTyrus(false); // this connection has none (closed already): the others may
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // LinkageError: Grizzly's TLS classes hidden, so TLS cannot be ruled out
      route.unusable(e.toString());
      return stayOnTyrus(false);
    }
  }

  private Target stayOnTyrus(boolean secure) {
    givenUp = true;
    traffic.writesVia(WritePath.TYRUS_WRITER, secure);
    return null;
  }

  private record Target(
      Connection<SocketAddress> connection, AsyncQueueWriter<SocketAddress> queue) {

    @SuppressWarnings("unchecked")
    static Target of(Connection<?> connection, AsyncQueueWriter<?> queue) {
      return new Target(
          (Connection<SocketAddress>) connection, (AsyncQueueWriter<SocketAddress>) queue);
    }
  }

  /** Reports the write's outcome once, whichever of Grizzly's callbacks comes first. */
  private static final class Completion
      implements CompletionHandler<WriteResult<WritableMessage, SocketAddress>> {

    private final WriteOutcome outcome;

    Completion(Consumer<Throwable> done) {
      this.outcome = new WriteOutcome(done);
    }

    @Override
    public void completed(WriteResult<WritableMessage, SocketAddress> result) {
      outcome.report(null);
    }

    @Override
    public void failed(Throwable throwable) {
      outcome.report(throwable);
    }

    @Override
    public void cancelled() {
      outcome.report(new CancellationException("write cancelled"));
    }

    @Override
    public void updated(WriteResult<WritableMessage, SocketAddress> result) {
      // a partial write: the queue keeps the rest and completes later
    }
  }
}
