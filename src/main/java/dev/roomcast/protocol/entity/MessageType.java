package dev.roomcast.protocol.entity;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every request type a client may send, with the record its {@code data} binds to. */
public enum MessageType {
  JOIN_OVERVIEW("join:overview", ClientRequest.Join.class),
  LEAVE_OVERVIEW("leave:overview", ClientRequest.Empty.class),
  JOIN_ROOM("join:room", ClientRequest.Join.class),
  LEAVE_ROOM("leave:room", ClientRequest.LeaveRoom.class),
  JOIN("join", ClientRequest.Join.class),
  LEAVE("leave", ClientRequest.Empty.class),
  LOCK_ACQUIRE("lock:acquire", ClientRequest.LockAcquire.class),
  LOCK_REFRESH("lock:refresh", ClientRequest.LockRefresh.class),
  LOCK_MSG("lock:msg", ClientRequest.LockMessage.class),
  LOCK_RELEASE("lock:release", ClientRequest.RoomRef.class),
  PRESENTER_TAKE("presenter:take", ClientRequest.RoomRef.class),
  PRESENTER_RELEASE("presenter:release", ClientRequest.RoomRef.class),
  CLIENT_PING("client_ping", ClientRequest.Empty.class),
  HEALTH_CHECK("health_check", ClientRequest.Empty.class),
  SYNC_REQUEST("sync:request", ClientRequest.SyncRequest.class),
  REQUEST_CURRENT_STATE("client:request_current_state", ClientRequest.Empty.class);

  private static final Map<String, MessageType> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(t -> t.wireName, Function.identity()));

  private final String wireName;
  private final Class<? extends ClientRequest> dataType;

  MessageType(String wireName, Class<? extends ClientRequest> dataType) {
    this.wireName = wireName;
    this.dataType = dataType;
  }

  public String wireName() {
    return wireName;
  }

  public Class<? extends ClientRequest> dataType() {
    return dataType;
  }

  public static Optional<MessageType> ofWireName(String name) {
    return Optional.ofNullable(BY_WIRE_NAME.get(name));
  }
}
