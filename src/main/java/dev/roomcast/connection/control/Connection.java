package dev.roomcast.connection.control;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One client's WebSocket connection: its id, its outbound queue and the rooms it is in. */
public class Connection {

  private final String sid;
  private final Outbox outbox;
  private final Set<String> rooms = ConcurrentHashMap.newKeySet();

  public Connection(String sid, Outbox outbox) {
    this.sid = sid;
    this.outbox = outbox;
  }

  public String sid() {
    return sid;
  }

  /** Queues an already-encoded frame; false if the connection is gone or was cut off. */
  public boolean send(String frame) {
    return outbox.offer(frame);
  }

  public Outbox outbox() {
    return outbox;
  }

  /** The rooms this connection is in, read-only. */
  public Set<String> rooms() {
    return Collections.unmodifiableSet(rooms);
  }

  boolean addRoom(String room) {
    return rooms.add(room);
  }

  boolean removeRoom(String room) {
    return rooms.remove(room);
  }

  @Override
  public String toString() {
    return "Connection[" + sid + "]";
  }
}
