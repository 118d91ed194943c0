package dev.roomcast.transport.control;

import jakarta.servlet.ServletInputStream;
import java.lang.reflect.Field;
import java.util.logging.Logger;

/**
 * The fields that lead, on Payara, from Tyrus's servlet writer to the Grizzly connection under it:
 * on the way out (servlet writer, servlet stream, catalina buffer, Grizzly buffer, connection),
 * which exists once Tyrus wrote a connection's first frame, and on the way in (servlet writer,
 * Tyrus's upgrade handler, the servlet input stream it reads frames from, catalina buffer, Grizzly
 * buffer, connection), which exists from the handshake on. They are looked up once, from the first
 * connection's classes; if they do not fit, that way is unusable for every connection, while a
 * connection that merely has no connection (yet) affects only itself.
 */
final class PayaraRoute {

  private static final Logger LOG = Logger.getLogger(PayaraRoute.class.getName());
  private static final String SERVLET_WRITER = "org.glassfish.tyrus.servlet.TyrusServletWriter";

  private volatile Field stream;
  private volatile Chain chain;
  private volatile boolean unusable;
  private volatile InputChain input;
  private volatile boolean inputUnusable;

  /** Whether {@code tyrusWriter} is Tyrus's servlet writer and the route still fits. */
  boolean fits(Object tyrusWriter) {
    return !unusable && SERVLET_WRITER.equals(tyrusWriter.getClass().getName());
  }

  /** The servlet stream Tyrus opens on a connection's first frame; null before that. */
  Object streamOf(Object tyrusWriter) throws ReflectiveOperationException {
    Field known = stream;
    if (known == null) {
      known = field(tyrusWriter.getClass(), "servletOutputStream");
      stream = known;
    }
    return known.get(tyrusWriter);
  }

  /** The Grizzly connection under a servlet stream, or null if this connection has none. */
  Object connectionUnder(Object servletStream) throws ReflectiveOperationException {
    Chain known = chain;
    if (known == null) {
      known = Chain.of(servletStream.getClass());
      chain = known;
    }
    return known.connectionOf(servletStream);
  }

  /** Payara's internals differ from what the route expects: no connection takes it any more. */
  void unusable(String why) {
    if (!unusable) {
      unusable = true;
      LOG.info(() -> "Grizzly write queue not used; writing through Tyrus's writer: " + why);
    }
  }

  /**
   * Tyrus's upgrade handler under its servlet writer; null if the way in does not fit this
   * container (then no connection takes it).
   */
  Object upgradeHandlerOf(Object tyrusWriter) {
    if (inputUnusable || !SERVLET_WRITER.equals(tyrusWriter.getClass().getName())) {
      return null;
    }
    try {
      InputChain known = input;
      if (known == null) {
        known = InputChain.of(tyrusWriter);
        input = known;
      }
      return known.upgradeHandlerOf(tyrusWriter);
    } catch (ReflectiveOperationException | RuntimeException e) {
      inputUnusable = true;
      LOG.info(() -> "Tyrus's upgrade handler not reachable; no frame guard, no close watch: " + e);
      return null;
    }
  }

  /** The servlet input stream the upgrade handler reads frames from. */
  ServletInputStream inputOf(Object upgradeHandler) throws IllegalAccessException {
    return (ServletInputStream) input.stream().get(upgradeHandler);
  }

  /** Makes the upgrade handler read its frames from {@code replacement}. */
  void replaceInput(Object upgradeHandler, ServletInputStream replacement)
      throws IllegalAccessException {
    input.stream().set(upgradeHandler, replacement);
  }

  /** What {@link #connectionUnderInput} answers for a connection that is already gone. */
  static final Object GONE = new Object();

  /**
   * The Grizzly connection under a servlet input stream; {@link #GONE} if the upgrade's request was
   * recycled meanwhile (Payara does that once the connection ended, and may reuse the request for
   * another connection, whose Grizzly connection must not be taken for this one's); null if it has
   * none.
   */
  Object connectionUnderInput(ServletInputStream stream, Object upgradeHandler)
      throws IllegalAccessException {
    InputChain known = input;
    if (!known.inputBuffer().getDeclaringClass().isInstance(stream)) {
      return null;
    }
    Object catalina = known.inputBuffer().get(stream);
    Object grizzly = catalina == null ? null : known.grizzlyBuffer().get(catalina);
    Object connection = grizzly == null ? null : known.connection().get(grizzly);
    // read after the connection: still this upgrade's request, so the connection was its own
    return known.upgrading(catalina, upgradeHandler) ? connection : GONE;
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
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

  /** Servlet stream to catalina buffer to Grizzly buffer to connection. */
  private record Chain(Field outputBuffer, Field grizzlyBuffer, Field connection) {

    static Chain of(Class<?> streamType) throws NoSuchFieldException {
      Field outputBuffer = field(streamType, "ob");
      Field grizzlyBuffer = field(outputBuffer.getType(), "grizzlyOutputBuffer");
      return new Chain(outputBuffer, grizzlyBuffer, field(grizzlyBuffer.getType(), "connection"));
    }

    Object connectionOf(Object stream) throws IllegalAccessException {
      Object catalina = outputBuffer.get(stream);
      Object grizzly = catalina == null ? null : grizzlyBuffer.get(catalina);
      return grizzly == null ? null : connection.get(grizzly);
    }
  }

  /**
   * Servlet writer to upgrade handler (through the proxy Tyrus's servlet filter hands the
   * container, if any) to its input stream, and that stream to the connection and to the request
   * whose upgrade it belongs to (when Payara's request has the fields that tell).
   */
  private record InputChain(
      Field handler,
      Field proxied,
      Field stream,
      Field inputBuffer,
      Field grizzlyBuffer,
      Field connection,
      Field request,
      Field upgrade,
      Field upgradeHandler) {

    /** Looked up on the runtime classes of the first connection's objects. */
    static InputChain of(Object tyrusWriter) throws ReflectiveOperationException {
      Field handler = field(tyrusWriter.getClass(), "tyrusHttpUpgradeHandler");
      Object upgradeHandler = handler.get(tyrusWriter);
      Field proxied = null;
      for (Field candidate : upgradeHandler.getClass().getDeclaredFields()) {
        if (candidate.getName().equals("handler")
            && handler.getType().isAssignableFrom(candidate.getType())) {
          candidate.setAccessible(true);
          proxied = candidate;
          upgradeHandler = proxied.get(upgradeHandler);
        }
      }
      Field stream = field(upgradeHandler.getClass(), "is");
      Object servletStream = stream.get(upgradeHandler);
      if (servletStream == null) {
        throw new NoSuchFieldException("no input stream in " + upgradeHandler);
      }
      Field inputBuffer = field(servletStream.getClass(), "ib");
      Field grizzlyBuffer = field(inputBuffer.getType(), "grizzlyInputBuffer");
      Field request = optionalField(inputBuffer.getType(), "request");
      Field upgrade = request == null ? null : optionalField(request.getType(), "upgrade");
      Field upgrading =
          request == null ? null : optionalField(request.getType(), "httpUpgradeHandler");
      return new InputChain(
          handler,
          proxied,
          stream,
          inputBuffer,
          grizzlyBuffer,
          field(grizzlyBuffer.getType(), "connection"),
          request,
          upgrade,
          upgrading);
    }

    /** The handler that reads the frames, behind its proxy if it has one. */
    Object upgradeHandlerOf(Object tyrusWriter) throws IllegalAccessException {
      Object upgradeHandler = handler.get(tyrusWriter);
      return proxied != null && proxied.getDeclaringClass().isInstance(upgradeHandler)
          ? proxied.get(upgradeHandler)
          : upgradeHandler;
    }

    /**
     * Whether the catalina buffer still belongs to {@code upgradeHandler}'s request: true where
     * Payara's request cannot tell.
     */
    boolean upgrading(Object catalinaBuffer, Object upgradeHandler) throws IllegalAccessException {
      if (request == null || upgrade == null || this.upgradeHandler == null) {
        return true;
      }
      Object current = catalinaBuffer == null ? null : request.get(catalinaBuffer);
      return current != null
          && upgrade.getBoolean(current)
          && this.upgradeHandler.get(current) == upgradeHandler;
    }
  }

  private static Field optionalField(Class<?> type, String name) {
    try {
      return field(type, name);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }
}
