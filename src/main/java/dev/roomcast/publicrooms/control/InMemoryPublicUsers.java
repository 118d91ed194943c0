package dev.roomcast.publicrooms.control;

import dev.roomcast.publicrooms.entity.PublicUser;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Anonymous public-room users in this JVM's heap, each with its expiry. */
public class InMemoryPublicUsers implements PublicUserStore {

  private final Map<String, Kept> users = new ConcurrentHashMap<>();
  private final Map<String, Window> created = new ConcurrentHashMap<>();

  @Override
  public void saveUser(PublicUser user, long nowMillis, long ttlMillis) {
    users.put(user.userId(), new Kept(user, nowMillis + ttlMillis));
  }

  @Override
  public Optional<PublicUser> publicUser(String userId, long nowMillis, long ttlMillis) {
    if (userId == null) {
      return Optional.empty();
    }
    Kept kept =
        users.computeIfPresent(
            userId,
            (id, current) ->
                current.expiresAt() <= nowMillis
                    ? null
                    : new Kept(current.user(), nowMillis + ttlMillis));
    return kept == null ? Optional.empty() : Optional.of(kept.user());
  }

  @Override
  public long countUserCreation(String ipHash, long nowMillis, long windowMillis) {
    return created
        .compute(
            ipHash,
            (hash, window) ->
                window == null || window.endsAt() <= nowMillis
                    ? new Window(nowMillis + windowMillis, 1)
                    : new Window(window.endsAt(), window.count() + 1))
        .count();
  }

  @Override
  public void purgeExpiredUsers(long nowMillis) {
    users.values().removeIf(kept -> kept.expiresAt() <= nowMillis);
    created.values().removeIf(window -> window.endsAt() <= nowMillis);
  }

  private record Kept(PublicUser user, long expiresAt) {}

  private record Window(long endsAt, long count) {}
}
