package dev.roomcast.state.control;

import dev.roomcast.publicrooms.entity.PublicUser;
import java.util.Optional;

/** The anonymous public-room users (F4.6). */
public interface PublicUserStore {

  void saveUser(PublicUser user);

  Optional<PublicUser> publicUser(String userId);
}
