package dev.roomcast.identity.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.identity.entity.Revocation;
import dev.roomcast.identity.entity.UserDisconnect;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Kicking a user (F3.7), e.g. after a password change: the user's connections are closed with
 * {@link CloseCodes#KICKED} on this node at once and, announced as a {@link UserDisconnect} that
 * the cluster relays, on every other node. A token cut-off additionally refuses the user's older
 * tokens from then on, so a kicked client cannot simply reconnect with the token it had.
 */
@ApplicationScoped
public class Kicks {

  private static final Logger LOG = Logger.getLogger(Kicks.class.getName());

  private RoomRegistry registry;
  private SessionRegistry sessions;
  private TokenCutoffs cutoffs;
  private Event<UserDisconnect> announced;
  private Clock clock;

  protected Kicks() {}

  @Inject
  public Kicks(
      RoomRegistry registry,
      SessionRegistry sessions,
      TokenCutoffs cutoffs,
      Event<UserDisconnect> announced) {
    this.registry = registry;
    this.sessions = sessions;
    this.cutoffs = cutoffs;
    this.announced = announced;
    this.clock = Clock.systemUTC();
  }

  /** Closes every connection of the user on every node; returns how many closed on this one. */
  public int kick(String userId) {
    UserDisconnect order = UserDisconnect.kick(userId);
    int closed = apply(order);
    announced.fire(order);
    return closed;
  }

  /**
   * Refuses the user's tokens issued before {@code issuedBefore} (epoch seconds; null means now)
   * from now on and closes the connections that use one, on every node.
   *
   * @throws RequestRejected INVALID_REQUEST for a cut-off in the future
   */
  public Revocation revokeTokens(String userId, Long issuedBefore) {
    long now = clock.instant().getEpochSecond();
    long requested = issuedBefore == null ? now : issuedBefore;
    if (requested <= 0 || requested > now + TokenAuthentication.CLOCK_SKEW.toSeconds()) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST,
          "issuedBefore must be a time in epoch seconds, not after now (" + now + ")");
    }
    long cutoff = cutoffs.raise(userId, requested);
    UserDisconnect order = new UserDisconnect(userId, cutoff);
    int closed = apply(order);
    announced.fire(order);
    return new Revocation(userId, cutoff, closed);
  }

  /**
   * Carries out a kick or cut-off on this node, whichever node it came from; returns how many
   * connections it closed.
   */
  public int apply(UserDisconnect order) {
    if (order.revokesTokens()) {
      cutoffs.remember(order.userId(), order.tokensIssuedBefore());
    }
    List<Connection> affected =
        registry.members(RoomNames.ofUser(order.userId())).stream()
            .filter(connection -> order.affects(connection.identity()))
            .toList();
    String reason = order.revokesTokens() ? "Token revoked" : "Kicked";
    for (Connection connection : affected) {
      connection.close(CloseCodes.KICKED, reason);
    }
    LOG.info(
        (order.revokesTokens() ? "revoked tokens of user " : "kicked user ")
            + order.userId()
            + ": "
            + affected.size()
            + " connections closed on this node");
    return affected.size();
  }

  /**
   * Closes this node's connections whose token a cut-off now refuses: after this node may have
   * missed announcements (its link to the other nodes was down). Returns how many it closed.
   */
  public int recheck() {
    Map<String, List<Connection>> byUser =
        sessions.all().stream()
            .filter(connection -> connection.identity().authenticated())
            .collect(Collectors.groupingBy(connection -> connection.identity().userId()));
    if (byUser.isEmpty()) {
      return 0;
    }
    int closed = 0;
    for (Map.Entry<String, Long> cutoff : cutoffs.cutoffs(Set.copyOf(byUser.keySet())).entrySet()) {
      UserDisconnect order = new UserDisconnect(cutoff.getKey(), cutoff.getValue());
      if (byUser.get(order.userId()).stream().anyMatch(c -> order.affects(c.identity()))) {
        closed += apply(order);
      }
    }
    return closed;
  }

  /** True if a cut-off this node applied moments ago refuses a connection being opened now. */
  public boolean revokedMeanwhile(Identity identity) {
    return cutoffs.revokedMeanwhile(identity);
  }
}
