package dev.roomcast.protocol.entity;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every request type a client may send, by its name on the wire. */
public enum MessageType {
  JOIN_OVERVIEW("join:overview"),
  LEAVE_OVERVIEW("leave:overview"),
  JOIN_ROOM("join:room"),
  LEAVE_ROOM("leave:room"),
  JOIN("join"),
  LEAVE("leave"),
  LOCK_ACQUIRE("lock:acquire"),
  LOCK_REFRESH("lock:refresh"),
  LOCK_MSG("lock:msg"),
  LOCK_RELEASE("lock:release"),
  PRESENTER_TAKE("presenter:take"),
  PRESENTER_RELEASE("presenter:release"),
  CLIENT_PING("client_ping"),
  HEALTH_CHECK("health_check"),
  SYNC_REQUEST("sync:request"),
  REQUEST_CURRENT_STATE("client:request_current_state"),
  JOIN_PRESENCE("join-room"),
  LEAVE_PRESENCE("leave-room"),
  PONG("pong"),
  CLIENT_UPDATE("client:update"),
  PRESENCE_LIST("presence:list");

  private static final Map<String, MessageType> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(t -> t.wireName, Function.identity()));

  private final String wireName;

  MessageType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<MessageType> ofWireName(String name) {
    return Optional.ofNullable(BY_WIRE_NAME.get(name));
  }
}
