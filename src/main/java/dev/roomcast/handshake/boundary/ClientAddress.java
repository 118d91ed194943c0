package dev.roomcast.handshake.boundary;

import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;

/**
 * The client address of a socket, as the handshake recorded it ({@link SocketHandshake}): the TCP
 * peer, or behind a trusted proxy the client it forwards ({@link ForwardedClientFilter}). Jakarta
 * WebSocket exposes no peer address, and the containers' own ways differ (Tyrus's session has
 * {@code getRemoteAddr()}, Undertow keeps it on its channel); this way is portable.
 */
public final class ClientAddress {

  /** The session user property holding the address. */
  static final String PROPERTY = "dev.roomcast.clientAddress";

  /**
   * The handshake header that carries the address from the filter to the configurator. The filter
   * sets it on every handshake and hides any value the client sent, so a client cannot choose it.
   */
  static final String HEADER = "X-Roomcast-Client-Address";

  private ClientAddress() {}

  /** The address, or null if the handshake recorded none. */
  public static String of(Session session) {
    return session.getUserProperties().get(PROPERTY) instanceof String address ? address : null;
  }

  /** The address in a handshake's headers (their names in any case), or null. */
  static String fromHandshake(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (HEADER.equalsIgnoreCase(header.getKey())
          && header.getValue() != null
          && header.getValue().size() == 1) {
        return header.getValue().get(0);
      }
    }
    return null;
  }
}
