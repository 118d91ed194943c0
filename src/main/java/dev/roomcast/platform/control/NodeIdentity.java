package dev.roomcast.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * This node's id, chosen at start-up. Connection ids (sids) start with it, so any node can tell
 * which node a lock holder or presenter was connected to.
 */
@ApplicationScoped
public class NodeIdentity {

  private static final char SEPARATOR = '.';

  private final String id = UUID.randomUUID().toString().substring(0, 8);

  public String id() {
    return id;
  }

  /** The sid for a new connection on this node. */
  public String sidFor(String sessionId) {
    return id + SEPARATOR + sessionId;
  }

  /** The node a sid belongs to, or the sid itself if it has no node part. */
  public static String nodeOf(String sid) {
    int dot = sid.indexOf(SEPARATOR);
    return dot < 0 ? sid : sid.substring(0, dot);
  }
}
