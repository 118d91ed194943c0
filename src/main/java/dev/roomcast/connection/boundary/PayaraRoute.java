package dev.roomcast.connection.boundary;

import java.lang.reflect.Field;
import java.util.logging.Logger;

/**
 * The fields that lead, on Payara, from Tyrus's servlet writer to the Grizzly connection under it
 * (servlet writer, servlet stream, catalina buffer, Grizzly buffer, connection). They are looked up
 * once, from the first connection's classes; if they do not fit, the route is unusable for every
 * connection, while a connection that merely has no connection (yet) affects only itself.
 */
final class PayaraRoute {

  private static final Logger LOG = Logger.getLogger(PayaraRoute.class.getName());
  private static final String SERVLET_WRITER = "org.glassfish.tyrus.servlet.TyrusServletWriter";

  private volatile Field stream;
  private volatile Chain chain;
  private volatile boolean unusable;

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
}
