package dev.roomcast.identity.entity;

import dev.roomcast.protocol.entity.Identity;
import java.util.Set;

/**
 * A handshake token that passed every check: whose it is and the roles it carries.
 *
 * @param identity the user, with the token's (effective) issue time
 * @param roles the {@code roles} claim; {@code backend} lets the token call the backend's REST
 *     endpoints (B10)
 */
public record VerifiedToken(Identity identity, Set<String> roles) {

  /** The role that makes a token a backend credential. */
  public static final String BACKEND_ROLE = "backend";

  public VerifiedToken {
    roles = Set.copyOf(roles);
  }

  public boolean isBackend() {
    return roles.contains(BACKEND_ROLE);
  }
}
