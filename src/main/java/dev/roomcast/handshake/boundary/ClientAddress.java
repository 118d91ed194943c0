package dev.roomcast.handshake.boundary;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The peer address of a socket, which Jakarta WebSocket does not expose: Tyrus (Payara) has {@code
 * getRemoteAddr()} on its session, Undertow (WildFly) puts the address into the user properties.
 */
public final class ClientAddress {

  private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());
  private static final String UNDERTOW_KEY = "jakarta.websocket.endpoint.remoteAddress";

  private ClientAddress() {}

  /** The address, or null if this container offers none. */
  public static String of(Session session) {
    Object property = session.getUserProperties().get(UNDERTOW_KEY);
    if (property instanceof InetSocketAddress address) {
      return address.getAddress().getHostAddress();
    }
    try {
      Method getter = session.getClass().getMethod("getRemoteAddr");
      Object address = getter.invoke(session);
      return address == null ? null : address.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "no client address for session " + session.getId(), e);
      return null;
    }
  }
}
