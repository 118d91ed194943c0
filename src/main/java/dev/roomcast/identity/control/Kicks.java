package dev.roomcast.identity.control;

import dev.roomcast.connection.control.CloseCodes;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.rooms.entity.RoomNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * Kicking a user (F3.7), e.g. after a password change: every connection in {@code user:<id>} on
 * this node is closed with {@link CloseCodes#KICKED}.
 */
@ApplicationScoped
public class Kicks {

  private static final Logger LOG = Logger.getLogger(Kicks.class.getName());

  private RoomRegistry registry;

  protected Kicks() {}

  @Inject
  public Kicks(RoomRegistry registry) {
    this.registry = registry;
  }

  /** Closes the user's connections; returns how many. */
  public int kick(String userId) {
    List<Connection> connections = List.copyOf(registry.members(RoomNames.ofUser(userId)));
    for (Connection connection : connections) {
      connection.close(CloseCodes.KICKED, "Kicked");
    }
    LOG.info("kicked user " + userId + ": " + connections.size() + " connections");
    return connections.size();
  }
}
