package dev.roomcast.transport.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.FrameGuard;
import dev.roomcast.connection.control.IncidentLog;
import dev.roomcast.connection.control.Traffic;
import dev.roomcast.connection.entity.WritePath;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletInputStream;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>On Tyrus's servlet container (Payara, GlassFish) two more, whatever the write path: a {@link
 * FrameGuard} checks each frame's header before Tyrus buffers the frame (Tyrus neither checks
 * masking nor refuses an oversized frame before buffering it), and on Payara the connection's
 * Grizzly connection tells the sink when it closes ({@link GrizzlyCloseWatch}).
 *
 * <p>A secure session ({@code wss://}, {@link Session#isSecure()}) never goes into Grizzly's write
 * queue: that queue sits under the connection's filter chain, TLS included, so its frames would
 * reach the client unencrypted (B11). Tyrus's servlet writer writes through the servlet stream and
 * the whole chain, so secure sessions use it. {@code ROOMCAST_FAST_PATH=false} turns the write
 * shortcuts (and the idle-timer move) off; the frame guard and the close watch stay, since they
 * bound what a hostile or vanished client costs.
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
  private final IncidentLog incidents;
  private final Duration handshakeTimeout;
  private final boolean enabled;
  // on Payara: the deadline of new connections' handshakes, added with the first connection seen
  // typed by its portable face: a field of a Grizzly type would make Weld drop this bean on WildFly
  private HandshakeSweep handshakeDeadline;
  private ScheduledFuture<?> deadlineSweep;

  /** An enabled fast path that counts its connections in a {@link Traffic} of its own. */
  public TyrusFastPath() {
    this(new Traffic(), true);
  }

  /**
   * A fast path counting, in {@code traffic}, how each connection's frames reach the socket; when
   * not {@code enabled}, every session takes the portable path (unit tests).
   */
  public TyrusFastPath(Traffic traffic, boolean enabled) {
    this(traffic, new IncidentLog(), Settings.defaults().handshakeTimeout(), enabled);
  }

  /**
   * A fast path that counts, in {@code traffic}, how each connection's frames reach the socket and
   * the connections its guard or the handshake deadline closed, logs the guard's to {@code
   * incidents}, and gives handshakes {@code settings.handshakeTimeout()}.
   */
  @Inject
  public TyrusFastPath(Traffic traffic, IncidentLog incidents, Settings settings) {
    this(traffic, incidents, settings.handshakeTimeout(), settings.fastPath());
  }

  private TyrusFastPath(
      Traffic traffic, IncidentLog incidents, Duration handshakeTimeout, boolean enabled) {
    this.traffic = traffic;
    this.incidents = incidents;
    this.handshakeTimeout = handshakeTimeout;
    this.enabled = enabled;
    if (!enabled) {
      LOG.info("Container fast path off (roomcast.fast.path=false): every frame goes via sendText");
    }
  }

  /**
   * Takes the shortcuts for a new session: on Tyrus's servlet container, a {@link FrameGuard} in
   * front of Tyrus's reads and, on Payara, a watch on the Grizzly connection that tells {@code
   * sink} when it closes; and a writer of pre-built frames, or empty when the portable path must be
   * used.
   */
  public Optional<RawWriter> adopt(Session session, SessionSink sink) {
    Object writer = tyrusWriter(session);
    if (writer != null) {
      guardAndWatch(session, writer, sink);
    }
    boolean secure = session.isSecure();
    Optional<RawWriter> raw =
        !enabled
                || writer == null
                || session.getMaxIdleTimeout() > 0
                || !session.getNegotiatedExtensions().isEmpty()
            ? Optional.empty()
            : rawWriter(session, writer, secure);
    if (raw.isEmpty()) {
      traffic.writesVia(WritePath.PORTABLE, secure);
    }
    return raw;
  }

  /** Tyrus's transport writer of the session, or null if this is not Tyrus (or it changed). */
  private Object tyrusWriter(Session session) {
    RemoteEndpoint.Async remote = session.getAsyncRemote();
    Optional<Handles> resolved = handles;
    if (resolved == null) {
      resolved = resolveOnce(session, remote);
    }
    if (resolved.isEmpty()
        || !resolved.get().sessionType().isInstance(session)
        || !resolved.get().remoteType().isInstance(remote)) {
      return null;
    }
    try {
      Object socket = resolved.get().socketOf().invoke(remote);
      Object protocol = resolved.get().protocolOf().invoke(socket);
      return resolved.get().writerOf().invoke(protocol);
    } catch (Throwable e) {
      // this session only (e.g. closed while being adopted); the next one tries again
      LOG.log(Level.WARNING, "Tyrus's writer not found for session " + session.getId(), e);
      return null;
    }
  }

  private Optional<RawWriter> rawWriter(Session session, Object writer, boolean secure) {
    try {
      RawWriter raw = onPayara(writer, new TyrusFrameWriter(writer), secure);
      handles.get().timerService().set(session, idleTimers());
      return Optional.of(raw);
    } catch (LinkageError e) {
      // the container hides Tyrus's SPI from applications: no session can take the fast path
      LOG.log(Level.INFO, "Tyrus's SPI is not visible; using getAsyncRemote()", e);
      handles = Optional.empty();
      return Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "Tyrus fast path unavailable for session " + session.getId(), e);
      return Optional.empty();
    }
  }

  /**
   * On Tyrus's servlet container: puts a {@link FrameGuard} between the connection's servlet input
   * stream and Tyrus, and, on Payara, watches the Grizzly connection under it. Both are in place
   * before Tyrus reads the first frame (it waits for {@code @OnOpen} to end).
   */
  private void guardAndWatch(Session session, Object writer, SessionSink sink) {
    Object handler = payara.upgradeHandlerOf(writer);
    if (handler == null) {
      return;
    }
    try {
      ServletInputStream input = payara.inputOf(handler);
      if (input == null || input instanceof GuardedInput) {
        return;
      }
      Object connection = payara.connectionUnderInput(input, handler);
      if (connection == PayaraRoute.GONE) {
        sink.gone();
      } else {
        watchClose(connection, sink);
      }
      FrameGuard guard =
          new FrameGuard(FrameLimits.HARD_LIMIT, !session.getNegotiatedExtensions().isEmpty());
      payara.replaceInput(
          handler, new GuardedInput(input, guard, refused -> refuse(sink, refused)));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "no frame guard for session " + session.getId(), e);
    }
  }

  private void watchClose(Object connection, SessionSink sink) {
    if (connection == null || !grizzlyVisible) {
      return;
    }
    try {
      GrizzlyCloseWatch.watch(connection, sink::gone);
      if (handshakeDeadline == null) {
        deadlineOn(connection);
      }
    } catch (LinkageError e) {
      grizzlyVisible = false;
      LOG.log(Level.INFO, "Grizzly's API is not visible; no watch on connections' close", e);
    }
  }

  /**
   * Gives the handshakes of the connections {@code connection}'s transport accepts from now on a
   * deadline, swept every quarter of it (at least every second).
   */
  private synchronized void deadlineOn(Object connection) {
    if (handshakeDeadline != null || handshakeTimeout.isZero()) {
      return;
    }
    handshakeDeadline =
        GrizzlyHandshakeDeadline.install(connection, handshakeTimeout, traffic::handshakeTimedOut);
    if (handshakeDeadline != null) {
      long every = Math.max(1000, handshakeTimeout.toMillis() / 4);
      HandshakeSweep sweeping = handshakeDeadline;
      deadlineSweep =
          idleTimers()
              .scheduleWithFixedDelay(
                  () -> {
                    try {
                      sweeping.sweep();
                    } catch (RuntimeException e) {
                      LOG.log(Level.WARNING, "closing stalled handshakes failed", e);
                    }
                  },
                  every,
                  every,
                  TimeUnit.MILLISECONDS);
      LOG.info("handshakes not complete within " + handshakeTimeout.toSeconds() + " s are closed");
    }
  }

  /** A frame the guard refused: the connection is closed with the guard's code, once. */
  private void refuse(SessionSink sink, FrameGuard.Violation refused) {
    traffic.protocolClose();
    incidents.report(
        LOG,
        Level.INFO,
        () ->
            "session "
                + sink.id()
                + " closed with "
                + refused.closeCode()
                + ": "
                + refused.reason(),
        null);
    sink.close(refused.closeCode(), refused.reason());
  }

  /**
   * On Payara, for a plain session, a writer into the Grizzly connection's write queue under
   * Tyrus's servlet writer; for a secure session, elsewhere, or if Grizzly's classes are not
   * visible, Tyrus's writer.
   */
  private RawWriter onPayara(Object writer, RawWriter tyrus, boolean secure) {
    if (!secure && grizzlyVisible && payara.fits(writer)) {
      try {
        return new GrizzlyFrameWriter(writer, tyrus, payara, traffic);
      } catch (LinkageError e) {
        grizzlyVisible = false;
        LOG.log(Level.INFO, "Grizzly's API is not visible; writing through Tyrus's writer", e);
      }
    }
    traffic.writesVia(WritePath.TYRUS_WRITER, secure);
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
    if (deadlineSweep != null) {
      deadlineSweep.cancel(false);
      handshakeDeadline.uninstall();
    }
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
