package dev.roomcast.publicrooms.control;

import dev.roomcast.publicrooms.entity.PublicUser;
import java.util.Optional;

/**
 * The anonymous public-room users (F4.6) and how many each address created lately (B12). Users
 * expire when unused for their TTL; the counts per address expire with their window.
 */
public interface PublicUserStore {

  /** Keeps the user until {@code ttlMillis} after now, or after its last lookup. */
  void saveUser(PublicUser user, long nowMillis, long ttlMillis);

  /** The user, if it exists and has not expired; a lookup keeps it another {@code ttlMillis}. */
  Optional<PublicUser> publicUser(String userId, long nowMillis, long ttlMillis);

  /**
   * Counts one more user created from {@code ipHash}.
   *
   * @return how many that address created in the current window, this one included
   */
  long countUserCreation(String ipHash, long nowMillis, long windowMillis);

  /** Drops expired users and windows (in memory; Redis expires them by itself). */
  void purgeExpiredUsers(long nowMillis);
}
