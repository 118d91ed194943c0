package dev.roomcast.access.boundary;

import dev.roomcast.access.entity.Caller;
import java.security.Principal;

/** The principal of a REST request that showed a credential: the caller it proves. */
public record CallerPrincipal(Caller caller) implements Principal {

  @Override
  public String getName() {
    return caller.name();
  }
}
