package dev.roomcast.handshake.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Closing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The per-IP connection limit of public rooms (F4.2): addresses are only ever kept as SHA-256
 * hashes, counted in the store (so the limit holds across nodes), and entries older than the stale
 * age stop counting.
 */
@ApplicationScoped
public class ConnectionLimits {

  private ConnectionLimitStore store;
  private int limit;
  private long staleAfterMillis;
  private Clock clock;

  protected ConnectionLimits() {}

  @Inject
  public ConnectionLimits(ConnectionLimitStore store, Settings settings) {
    this(
        store,
        settings.publicConnectionsPerIp(),
        settings.publicConnectionStaleAfter().toMillis(),
        Clock.systemUTC());
  }

  public ConnectionLimits(
      ConnectionLimitStore store, int limit, long staleAfterMillis, Clock clock) {
    this.store = store;
    this.limit = limit;
    this.staleAfterMillis = staleAfterMillis;
    this.clock = clock;
  }

  /** SHA-256 of an address, hex; the form in which addresses are stored and compared. */
  public static String hash(String address) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(address.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
  }

  /** Counts the connection against its IP; false if the IP already has {@code limit}. */
  public boolean admit(String ipHash, String sid) {
    return store.admit(ipHash, sid, limit, clock.millis(), staleAfterMillis);
  }

  public int limit() {
    return limit;
  }

  public int count(String ipHash) {
    return store.connectionCount(ipHash, clock.millis(), staleAfterMillis);
  }

  /** Drops stale entries of addresses that never came back. */
  public void purgeStale() {
    store.purgeStale(clock.millis(), staleAfterMillis);
  }

  void onClosing(@Observes Closing closing) {
    String ipHash = closing.connection().ipHash();
    if (ipHash != null) {
      store.release(ipHash, closing.connection().sid());
    }
  }
}
