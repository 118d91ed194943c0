package dev.roomcast.identity.entity;

import dev.roomcast.protocol.entity.Identity;

/**
 * An order to close a user's connections on every node (F3.7): a kick closes all of them; a token
 * cut-off closes those whose token was issued before it.
 *
 * @param userId whose connections
 * @param tokensIssuedBefore the cut-off in epoch seconds, or 0 for a plain kick
 */
public record UserDisconnect(String userId, long tokensIssuedBefore) {

  /** A plain kick: every connection of the user. */
  public static UserDisconnect kick(String userId) {
    return new UserDisconnect(userId, 0);
  }

  /** True for a token cut-off, false for a plain kick. */
  public boolean revokesTokens() {
    return tokensIssuedBefore > 0;
  }

  /** Whether a connection of this identity is to be closed. */
  public boolean affects(Identity identity) {
    return identity.authenticated()
        && identity.userId().equals(userId)
        && (!revokesTokens() || identity.issuedAt() < tokensIssuedBefore);
  }
}
