package dev.roomcast.connection.boundary;

import dev.roomcast.connection.control.Traffic;
import dev.roomcast.connection.entity.WritePath;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Container-specific shortcuts on Tyrus (Payara, GlassFish, standalone Tyrus), taken only while
 * sessions have no idle timeout and no negotiated extension; any other container, or a Tyrus whose
 * internals differ, keeps the portable {@code getAsyncRemote()} path.
 *
 * <p>Why: (1) {@code sendText} makes Tyrus UTF-8-encode the text and build a frame for every
 * recipient of a broadcast, and re-arm the session's idle timer by scheduling a task, which on
 * Payara goes through the managed scheduler and a ServiceLoader scan of the class loaders. Profiles
 * showed those as most of a broadcast's cost. Here a broadcast's frame is built once ({@link
 * dev.roomcast.connection.control.OutboundFrame}) and written as it is, several queued frames in
 * one write: on Payara straight into the Grizzly connection's write queue ({@link
 * GrizzlyFrameWriter}), elsewhere to Tyrus's transport writer ({@link TyrusFrameWriter}). (2) The
 * session's idle timer moves to a plain scheduler owned here, so the re-arm on every incoming frame
 * is cheap too.
 */
@ApplicationScoped
public class TyrusFastPath {

  private static final Logger LOG = Logger.getLogger(TyrusFastPath.class.getName());
  private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
  private static final String TYRUS_REMOTE = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
  private static final String TYRUS_SOCKET = "org.glassfish.tyrus.core.TyrusWebSocket";
  private static final String PROTOCOL_HANDLER = "org.glassfish.tyrus.core.ProtocolHandler";
  private static final String TYRUS_WRITER = "org.glassfish.tyrus.spi.Writer";

  // resolved once from the first session's classes; empty when this is not Tyrus
  private volatile Optional<Handles> handles;
  private ScheduledExecutorService idleTimers;
  private volatile boolean grizzlyVisible = true;
  private final PayaraRoute payara = new PayaraRoute();

  private final Traffic traffic;

  /** A fast path that counts its connections in a {@link Traffic} of its own (unit tests). */
  public TyrusFastPath() {
    this(new Traffic());
  }

  /** A fast path that counts, in {@code traffic}, how each connection's frames reach the socket. */
  @Inject
  public TyrusFastPath(Traffic traffic) {
    this.traffic = traffic;
  }

  /**
   * Takes the shortcuts for a new session: a writer of pre-built frames, or empty when the portable
   * path must be used.
   */
  public Optional<RawWriter> adopt(Session session) {
    Optional<RawWriter> raw = rawWriter(session);
    if (raw.isEmpty()) {
      traffic.writesVia(WritePath.PORTABLE);
    }
    return raw;
  }

  private Optional<RawWriter> rawWriter(Session session) {
    if (session.getMaxIdleTimeout() > 0 || !session.getNegotiatedExtensions().isEmpty()) {
      return Optional.empty();
    }
    RemoteEndpoint.Async remote = session.getAsyncRemote();
    Optional<Handles> resolved = handles;
    if (resolved == null) {
      resolved = resolveOnce(session, remote);
    }
    if (resolved.isEmpty()
        || !resolved.get().sessionType().isInstance(session)
        || !resolved.get().remoteType().isInstance(remote)) {
      return Optional.empty();
    }
    try {
      Object socket = resolved.get().socketOf().invoke(remote);
      Object protocol = resolved.get().protocolOf().invoke(socket);
      Object writer = resolved.get().writerOf().invoke(protocol);
      if (writer == null) {
        return Optional.empty();
      }
      RawWriter raw = onPayara(writer, new TyrusFrameWriter(writer));
      resolved.get().timerService().set(session, idleTimers());
      return Optional.of(raw);
    } catch (LinkageError e) {
      // the container hides Tyrus's SPI from applications: no session can take the fast path
      LOG.log(Level.INFO, "Tyrus's SPI is not visible; using getAsyncRemote()", e);
      handles = Optional.empty();
      return Optional.empty();
    } catch (Throwable e) {
      // this session only (e.g. closed while being adopted); the next one tries again
      LOG.log(Level.WARNING, "Tyrus fast path unavailable for session " + session.getId(), e);
      return Optional.empty();
    }
  }

  /**
   * On Payara, a writer into the Grizzly connection's write queue under Tyrus's servlet writer;
   * elsewhere (or if Grizzly's classes are not visible) Tyrus's writer.
   */
  private RawWriter onPayara(Object writer, RawWriter tyrus) {
    if (grizzlyVisible && payara.fits(writer)) {
      try {
        return new GrizzlyFrameWriter(writer, tyrus, payara, traffic);
      } catch (LinkageError e) {
        grizzlyVisible = false;
        LOG.log(Level.INFO, "Grizzly's API is not visible; writing through Tyrus's writer", e);
      }
    }
    traffic.writesVia(WritePath.TYRUS_WRITER);
    return tyrus;
  }

  private synchronized Optional<Handles> resolveOnce(Session session, RemoteEndpoint.Async remote) {
    if (handles == null) {
      handles = resolve(session, remote);
    }
    return handles;
  }

  private synchronized ScheduledExecutorService idleTimers() {
    if (idleTimers == null) {
      idleTimers =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "roomcast-idle-timers");
                thread.setDaemon(true);
                return thread;
              });
    }
    return idleTimers;
  }

  @PreDestroy
  synchronized void stop() {
    if (idleTimers != null) {
      idleTimers.shutdownNow();
    }
  }

  private static Optional<Handles> resolve(Session session, RemoteEndpoint.Async remote) {
    try {
      Field socket = declared(remote.getClass(), TYRUS_REMOTE, "webSocket");
      Field service = declared(session.getClass(), TYRUS_SESSION, "service");
      if (socket == null
          || service == null
          || !ScheduledExecutorService.class.equals(service.getType())) {
        return Optional.empty();
      }
      Field protocol = declared(socket.getType(), TYRUS_SOCKET, "protocolHandler");
      if (protocol == null) {
        return Optional.empty();
      }
      Field writer = declared(protocol.getType(), PROTOCOL_HANDLER, "writer");
      if (writer == null || !TYRUS_WRITER.equals(writer.getType().getName())) {
        return Optional.empty();
      }
      service.setAccessible(true);
      LOG.info(
          "Tyrus fast path on: broadcast frames are built once and written to Tyrus's transport"
              + " writer; idle timers off the managed pool");
      return Optional.of(
          new Handles(
              session.getClass(),
              remote.getClass(),
              getter(socket),
              getter(protocol),
              getter(writer),
              service));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.INFO, "Tyrus fast path not available; using getAsyncRemote()", e);
      return Optional.empty();
    }
  }

  private static MethodHandle getter(Field field) throws IllegalAccessException {
    field.setAccessible(true);
    return MethodHandles.lookup()
        .unreflectGetter(field)
        .asType(MethodType.methodType(Object.class, Object.class));
  }

  private static Field declared(Class<?> type, String owner, String name)
      throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(owner)) {
        return c.getDeclaredField(name);
      }
    }
    return null;
  }

  /**
   * Writes complete WebSocket frames (one or several back to back) to a connection and reports
   * completion once, possibly before returning.
   */
  @FunctionalInterface
  public interface RawWriter {
    void write(ByteBuffer frames, Consumer<Throwable> done);
  }

  private record Handles(
      Class<?> sessionType,
      Class<?> remoteType,
      MethodHandle socketOf,
      MethodHandle protocolOf,
      MethodHandle writerOf,
      Field timerService) {}
}
