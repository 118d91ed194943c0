package dev.roomcast.identity.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token cut-offs in this JVM's heap (single node); expired entries are swept at most once a minute.
 */
public class InMemoryTokenCutoffs implements TokenCutoffStore {

  private static final long SWEEP_EVERY_MILLIS = 60_000;

  private record Entry(long cutoff, long expiresAtMillis) {}

  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile long lastSweepMillis;

  public InMemoryTokenCutoffs(Clock clock) {
    this.clock = clock;
    this.lastSweepMillis = clock.millis();
  }

  @Override
  public long raiseCutoff(String userId, long issuedBefore, Duration keepFor) {
    long now = clock.millis();
    sweep(now);
    Entry after =
        entries.compute(
            userId,
            (id, current) ->
                current != null
                        && current.expiresAtMillis() > now
                        && current.cutoff() >= issuedBefore
                    ? current
                    : new Entry(issuedBefore, now + keepFor.toMillis()));
    return after.cutoff();
  }

  @Override
  public OptionalLong cutoff(String userId) {
    Entry entry = entries.get(userId);
    return entry == null || entry.expiresAtMillis() <= clock.millis()
        ? OptionalLong.empty()
        : OptionalLong.of(entry.cutoff());
  }

  @Override
  public Map<String, Long> cutoffs(Collection<String> userIds) {
    Map<String, Long> found = new HashMap<>();
    for (String userId : userIds) {
      cutoff(userId).ifPresent(cutoff -> found.put(userId, cutoff));
    }
    return found;
  }

  private void sweep(long now) {
    if (now - lastSweepMillis < SWEEP_EVERY_MILLIS) {
      return;
    }
    lastSweepMillis = now;
    entries.values().removeIf(entry -> entry.expiresAtMillis() <= now);
  }
}
