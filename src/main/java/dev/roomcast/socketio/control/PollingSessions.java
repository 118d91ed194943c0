package dev.roomcast.socketio.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's Engine.IO sessions that began with long-polling, by Engine.IO {@code sid}: the
 * polling requests and the upgrading WebSocket find theirs here. A session leaves when its
 * transport is gone.
 */
@ApplicationScoped
public class PollingSessions {

  private final SecureRandom random = new SecureRandom();
  private final Map<String, PollingSession> bySid = new ConcurrentHashMap<>();

  /** A fresh Engine.IO sid: 120 random bits, URL-safe. */
  public String newSid() {
    byte[] bits = new byte[15];
    random.nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }

  public void add(PollingSession session) {
    bySid.put(session.sid(), session);
    session.transport().whenGone(() -> bySid.remove(session.sid(), session));
  }

  public Optional<PollingSession> find(String sid) {
    return sid == null ? Optional.empty() : Optional.ofNullable(bySid.get(sid));
  }

  public Collection<PollingSession> all() {
    return Collections.unmodifiableCollection(bySid.values());
  }
}
