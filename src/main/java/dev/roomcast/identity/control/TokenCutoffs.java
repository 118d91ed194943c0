package dev.roomcast.identity.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.protocol.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user token cut-offs (F3.7), what users expect after a password change: the user's tokens
 * issued before the cut-off are refused at the handshake and on REST, on every node. An entry is
 * kept for the longest token lifetime plus the clock tolerance, after which every token it refuses
 * has expired anyway.
 *
 * <p>This node also remembers for a minute the cut-offs it applied, so a handshake that verified
 * its token just before a cut-off was written and registered just after it was applied is still
 * caught ({@link #revokedMeanwhile}).
 */
@ApplicationScoped
public class TokenCutoffs {

  private static final long REMEMBER_MILLIS = 60_000;

  private record Applied(long cutoff, long atMillis) {}

  private TokenCutoffStore store;
  private Duration keepFor;
  private Clock clock;
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();

  protected TokenCutoffs() {}

  @Inject
  public TokenCutoffs(TokenCutoffStore store, Settings settings) {
    this(store, settings.maxTokenLifetime(), Clock.systemUTC());
  }

  public TokenCutoffs(TokenCutoffStore store, Duration maxTokenLifetime, Clock clock) {
    this.store = store;
    this.keepFor = maxTokenLifetime.plus(TokenAuthentication.CLOCK_SKEW);
    this.clock = clock;
  }

  /** Raises the user's cut-off (never lowers it); returns the cut-off in force. */
  public long raise(String userId, long issuedBefore) {
    long cutoff = store.raiseCutoff(userId, issuedBefore, keepFor);
    remember(userId, cutoff);
    return cutoff;
  }

  public OptionalLong cutoff(String userId) {
    return store.cutoff(userId);
  }

  public Map<String, Long> cutoffs(Collection<String> userIds) {
    return store.cutoffs(userIds);
  }

  /** Notes a cut-off applied on this node (raised here or announced by another node). */
  public void remember(String userId, long cutoff) {
    long now = clock.millis();
    applied.values().removeIf(entry -> now - entry.atMillis() > REMEMBER_MILLIS);
    applied.merge(
        userId,
        new Applied(cutoff, now),
        (old, fresh) -> old.cutoff() >= fresh.cutoff() ? old : fresh);
  }

  /** True if a cut-off applied on this node in the last minute refuses this identity's token. */
  public boolean revokedMeanwhile(Identity identity) {
    Applied entry = applied.get(identity.userId());
    return identity.authenticated() && entry != null && identity.issuedAt() < entry.cutoff();
  }
}
