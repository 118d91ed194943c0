package dev.roomcast.protocol.entity;

/** Names of the events the server emits, in one place so code and docs/protocol.md agree. */
public final class EventTypes {
  public static final String CONNECTION_STATUS = "connection_status";
  public static final String ACK_JOIN = "ack:join";
  public static final String ACK_LEAVE = "ack:leave";
  public static final String ACK_OP = "ack:op";
  public static final String ERR_OP = "err:op";
  public static final String ROOM_UPDATE = "room:update";
  public static final String ROOM_DELETE = "room:delete";
  public static final String CLIENT_PONG = "client_pong";
  public static final String SYNC_ERROR = "sync:error";
  public static final String SYNC_COMPLETE = "sync:complete";
  public static final String HEALTH_STATUS = "health_status";

  private EventTypes() {}
}
