package dev.roomcast.connection.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Container-specific shortcuts on Tyrus (Payara, GlassFish, standalone Tyrus), taken only while
 * sessions have no idle timeout; any other container, or a Tyrus whose internals differ, keeps the
 * portable {@code getAsyncRemote()} path.
 *
 * <p>Why: Tyrus re-arms a session's idle timer on every frame sent and received by scheduling a
 * task. On Payara that scheduler is the default managed scheduler, which captures the calling
 * context for every task through a ServiceLoader scan of the class loaders: profiles showed it as
 * most of the cost of a broadcast and of an incoming frame. With no idle timeout the timer task
 * does nothing, so (1) frames are written to Tyrus's socket directly, skipping the re-arm, and (2)
 * the session's timer is moved to a plain scheduler owned here, so re-arms on incoming frames are
 * cheap.
 */
@ApplicationScoped
public class TyrusFastPath {

  private static final Logger LOG = Logger.getLogger(TyrusFastPath.class.getName());
  private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
  private static final String TYRUS_REMOTE = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
  private static final MethodType SEND =
      MethodType.methodType(void.class, Object.class, String.class, SendHandler.class);

  // resolved once from the first session's classes; empty when this is not Tyrus
  private volatile Optional<Handles> handles;
  private ScheduledExecutorService idleTimers;

  /**
   * Takes the shortcuts for a new session: a direct sender, or empty when the portable path must be
   * used.
   */
  public Optional<DirectSender> adopt(Session session) {
    if (session.getMaxIdleTimeout() > 0) {
      return Optional.empty();
    }
    RemoteEndpoint.Async remote = session.getAsyncRemote();
    Optional<Handles> resolved = handles;
    if (resolved == null) {
      resolved = resolve(session, remote);
      handles = resolved;
    }
    if (resolved.isEmpty()
        || !resolved.get().sessionType().isInstance(session)
        || !resolved.get().remoteType().isInstance(remote)) {
      return Optional.empty();
    }
    try {
      resolved.get().timerService().set(session, idleTimers());
      Object socket = resolved.get().socketOf().invoke(remote);
      MethodHandle send = resolved.get().sendText();
      return Optional.of((text, handler) -> invoke(send, socket, text, handler));
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Tyrus fast path unavailable for session " + session.getId(), e);
      return Optional.empty();
    }
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

  private static void invoke(MethodHandle send, Object socket, String text, SendHandler handler) {
    try {
      send.invokeExact(socket, text, handler);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
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
      socket.setAccessible(true);
      service.setAccessible(true);
      MethodHandle socketOf =
          MethodHandles.lookup()
              .unreflectGetter(socket)
              .asType(MethodType.methodType(Object.class, Object.class));
      // the same call getAsyncRemote().sendText makes: marked ASYNC, so the writer queues
      // instead of blocking the broadcasting thread on a client that does not read
      ClassLoader tyrus = socket.getType().getClassLoader();
      Class<?> info = Class.forName("org.glassfish.tyrus.spi.WriterInfo", false, tyrus);
      Object asyncText =
          info.getConstructor(
                  Class.forName("org.glassfish.tyrus.spi.WriterInfo$MessageType", false, tyrus),
                  Class.forName(
                      "org.glassfish.tyrus.spi.WriterInfo$RemoteEndpointType", false, tyrus))
              .newInstance(
                  constant(tyrus, "org.glassfish.tyrus.spi.WriterInfo$MessageType", "TEXT"),
                  constant(
                      tyrus, "org.glassfish.tyrus.spi.WriterInfo$RemoteEndpointType", "ASYNC"));
      MethodHandle sendText =
          MethodHandles.insertArguments(
                  MethodHandles.publicLookup()
                      .unreflect(
                          socket
                              .getType()
                              .getMethod("sendText", String.class, SendHandler.class, info)),
                  3,
                  asyncText)
              .asType(SEND);
      LOG.info("Tyrus fast path on: frames go to Tyrus directly, idle timers off the managed pool");
      return Optional.of(
          new Handles(session.getClass(), remote.getClass(), socketOf, sendText, service));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.INFO, "Tyrus fast path not available; using getAsyncRemote()", e);
      return Optional.empty();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object constant(ClassLoader loader, String enumType, String name)
      throws ClassNotFoundException {
    return Enum.valueOf((Class) Class.forName(enumType, false, loader), name);
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

  /** Sends one text frame and reports completion, like {@code RemoteEndpoint.Async.sendText}. */
  @FunctionalInterface
  public interface DirectSender {
    void sendText(String text, SendHandler handler);
  }

  private record Handles(
      Class<?> sessionType,
      Class<?> remoteType,
      MethodHandle socketOf,
      MethodHandle sendText,
      Field timerService) {}
}
