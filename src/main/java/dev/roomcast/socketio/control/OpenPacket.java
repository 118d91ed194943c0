package dev.roomcast.socketio.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.transport.control.FrameLimits;
import jakarta.json.spi.JsonProvider;

/**
 * Engine.IO's open packet {@code 0{sid, upgrades, pingInterval, pingTimeout, maxPayload}}, the
 * first thing a Socket.IO client reads. The timings are the transport ping's (section 8): the
 * server pings every {@code pingInterval} and the client gives up after {@code pingInterval +
 * pingTimeout} without one.
 */
public final class OpenPacket {

  // with transport pings off the client must not time out: the largest delay a browser's timer
  // takes is 2^31 - 1 ms, and the client waits for the sum of both
  private static final long NEVER = 1_000_000_000L;

  private static final JsonProvider JSON = JsonProvider.provider();

  private OpenPacket() {}

  /** The open packet of an Engine.IO session that began on WebSocket. */
  public static String of(String sid, Settings settings) {
    return of(sid, settings, false);
  }

  /**
   * The open packet of the Engine.IO session {@code sid}; one that began with long-polling may
   * upgrade to WebSocket.
   */
  public static String of(String sid, Settings settings, boolean upgradable) {
    var upgrades = JSON.createArrayBuilder();
    if (upgradable) {
      upgrades.add("websocket");
    }
    long interval = settings.transportPingInterval().toMillis();
    long timeout = settings.transportPongTimeout().toMillis();
    return "0"
        + JSON.createObjectBuilder()
            .add("sid", sid)
            .add("upgrades", upgrades)
            .add("pingInterval", interval <= 0 ? NEVER : interval)
            .add("pingTimeout", interval <= 0 ? NEVER : timeout)
            .add("maxPayload", FrameLimits.HARD_LIMIT)
            .build();
  }
}
