package dev.roomcast.connection.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every open connection on this node, by sid. */
@ApplicationScoped
public class SessionRegistry {

  private final Map<String, Connection> bySid = new ConcurrentHashMap<>();

  public void add(Connection connection) {
    bySid.put(connection.sid(), connection);
  }

  public void remove(Connection connection) {
    bySid.remove(connection.sid(), connection);
  }

  public Optional<Connection> find(String sid) {
    return Optional.ofNullable(bySid.get(sid));
  }

  public Collection<Connection> all() {
    return bySid.values();
  }

  public int count() {
    return bySid.size();
  }
}
