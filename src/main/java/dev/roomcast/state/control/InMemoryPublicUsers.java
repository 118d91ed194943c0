package dev.roomcast.state.control;

import dev.roomcast.publicrooms.entity.PublicUser;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Anonymous public-room users in this JVM's heap. */
public class InMemoryPublicUsers implements PublicUserStore {

  private final Map<String, PublicUser> users = new ConcurrentHashMap<>();

  @Override
  public void saveUser(PublicUser user) {
    users.put(user.userId(), user);
  }

  @Override
  public Optional<PublicUser> publicUser(String userId) {
    return userId == null ? Optional.empty() : Optional.ofNullable(users.get(userId));
  }
}
