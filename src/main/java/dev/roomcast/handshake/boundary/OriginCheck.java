package dev.roomcast.handshake.boundary;

import dev.roomcast.config.control.Settings;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * The handshake's origin check (B3): with {@code ROOMCAST_ALLOWED_ORIGINS} set, a browser page from
 * another origin cannot open a socket (the handshake is refused with HTTP 403). Clients that send
 * no {@code Origin} (not browsers) pass. Token, address and query are read from the session at
 * open, because this object is shared by all handshakes of an endpoint.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

  // Settings holds no state: reading it here needs no CDI, which the container may not offer yet
  private final List<String> allowed = new Settings().allowedOrigins();

  @Override
  public boolean checkOrigin(String originHeaderValue) {
    if (originHeaderValue == null || allowed.contains("*")) {
      return true;
    }
    String origin = originHeaderValue.trim();
    for (String entry : allowed) {
      // "http://host:*" allows the host on any port
      if (entry.endsWith(":*")
          ? origin.startsWith(entry.substring(0, entry.length() - 1))
          : entry.equals(origin)) {
        return true;
      }
    }
    return false;
  }
}
