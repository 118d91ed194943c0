package dev.roomcast.identity.control;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Per-user token cut-offs (F3.7): a user's handshake tokens issued before the cut-off are refused.
 * Shared by every node with Redis; each entry expires once every token it refuses has expired.
 */
public interface TokenCutoffStore {

  /**
   * Raises the user's cut-off to {@code issuedBefore} (epoch seconds) unless a later one is in
   * force, keeping it for {@code keepFor}; returns the cut-off in force afterwards.
   */
  long raiseCutoff(String userId, long issuedBefore, Duration keepFor);

  /** The user's cut-off in epoch seconds, if one is in force. */
  OptionalLong cutoff(String userId);

  /** The cut-offs in force for any of these users (users without one are left out). */
  Map<String, Long> cutoffs(Collection<String> userIds);
}
