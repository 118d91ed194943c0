package dev.roomcast.connection.boundary;

import dev.roomcast.connection.control.Traffic;
import dev.roomcast.connection.entity.WritePath;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.Buffers;

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
 * {@link TyrusFastPath} found Tyrus's servlet writer.
 */
final class GrizzlyFrameWriter implements TyrusFastPath.RawWriter {

  private static final Logger LOG = Logger.getLogger(GrizzlyFrameWriter.class.getName());
  private static final String SERVLET_WRITER = "org.glassfish.tyrus.servlet.TyrusServletWriter";
  // Tyrus's servlet writer -> Payara's servlet stream -> its buffer -> Grizzly's buffer -> the
  // connection; resolved once from the first connection's classes, null if they differ
  private static volatile Route route;
  private static volatile boolean routeFailed;

  private final Object tyrusWriter;
  private final TyrusFastPath.RawWriter tyrus;
  private final Traffic traffic;
  // the Outbox writes one run at a time, so these change on one thread at a time
  private volatile Target target;
  private volatile boolean givenUp;

  private GrizzlyFrameWriter(Object tyrusWriter, TyrusFastPath.RawWriter tyrus, Traffic traffic) {
    this.tyrusWriter = tyrusWriter;
    this.tyrus = tyrus;
    this.traffic = traffic;
  }

  /**
   * A writer that uses the Grizzly connection under {@code tyrusWriter} when that is Tyrus's
   * servlet writer on Payara's Grizzly, and {@code tyrus} otherwise (standalone Tyrus, another
   * servlet container) and until Tyrus has opened its servlet stream, on the connection's first
   * frame. The path the connection settles on is counted in {@code traffic}.
   */
  static TyrusFastPath.RawWriter over(
      Object tyrusWriter, TyrusFastPath.RawWriter tyrus, Traffic traffic) {
    if (routeFailed || !SERVLET_WRITER.equals(tyrusWriter.getClass().getName())) {
      traffic.writesVia(WritePath.TYRUS_WRITER);
      return tyrus;
    }
    return new GrizzlyFrameWriter(tyrusWriter, tyrus, traffic);
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
      Object stream = Route.field(tyrusWriter.getClass(), "servletOutputStream").get(tyrusWriter);
      if (stream == null) {
        return null; // Tyrus opens its servlet stream on the first frame it writes
      }
      Route known = route;
      if (known == null) {
        known = Route.of(tyrusWriter.getClass(), stream.getClass());
        route = known;
      }
      Object connection = known.connectionOf(stream);
      if (!(connection instanceof Connection<?> open)
          || !(open.getTransport() instanceof AsyncQueueEnabledTransport transport)) {
        return giveUp("no Grizzly connection under " + stream.getClass().getName());
      }
      target = Target.of(open, transport.getAsyncQueueIO().getWriter());
      traffic.writesVia(WritePath.GRIZZLY_QUEUE);
      return target;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return giveUp(e.toString());
    }
  }

  /** This container's internals differ: this and every later connection use Tyrus's writer. */
  private Target giveUp(String why) {
    givenUp = true;
    traffic.writesVia(WritePath.TYRUS_WRITER);
    if (!routeFailed) {
      routeFailed = true;
      LOG.info(() -> "Grizzly write queue not used; writing through Tyrus's writer: " + why);
    }
    return null;
  }

  /** The fields from Payara's servlet output stream down to the Grizzly connection. */
  private record Route(Field outputBuffer, Field grizzlyBuffer, Field connection) {

    static Route of(Class<?> writerType, Class<?> streamType) throws NoSuchFieldException {
      Field outputBuffer = field(streamType, "ob");
      Field grizzlyBuffer = field(outputBuffer.getType(), "grizzlyOutputBuffer");
      Field connection = field(grizzlyBuffer.getType(), "connection");
      return new Route(outputBuffer, grizzlyBuffer, connection);
    }

    Object connectionOf(Object stream) throws IllegalAccessException {
      Object catalina = outputBuffer.get(stream);
      Object grizzly = catalina == null ? null : grizzlyBuffer.get(catalina);
      return grizzly == null ? null : connection.get(grizzly);
    }

    static Field field(Class<?> type, String name) throws NoSuchFieldException {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (field.getName().equals(name)) {
            field.setAccessible(true);
            return field;
          }
        }
      }
      throw new NoSuchFieldException(type.getName() + "." + name);
    }
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
