package dev.roomcast.protocol.entity;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of the events the server emits, in one place so code and docs/protocol.md agree, and the
 * one list of the protocol's own types that nobody may publish as a room event.
 */
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
  public static final String ERROR = "error";
  public static final String ROOM_ERROR = "room:error";
  public static final String PING = "ping";
  public static final String USER_JOINED = "user-joined";
  public static final String USER_LEFT = "user-left";
  public static final String PRESENCE_DIFF = "presence:diff";
  public static final String NODE_DRAINING = "node:draining";

  /** Every type above: what only the server sends. */
  public static final Set<String> SERVER_GENERATED =
      Set.of(
          CONNECTION_STATUS,
          ACK_JOIN,
          ACK_LEAVE,
          ACK_OP,
          ERR_OP,
          ROOM_UPDATE,
          ROOM_DELETE,
          CLIENT_PONG,
          SYNC_ERROR,
          SYNC_COMPLETE,
          HEALTH_STATUS,
          ERROR,
          ROOM_ERROR,
          PING,
          USER_JOINED,
          USER_LEFT,
          PRESENCE_DIFF,
          NODE_DRAINING);

  private EventTypes() {}

  /**
   * A type of the protocol itself: one the server sends, or a request a client sends. Neither the
   * backend nor a pass-through publish may use it, so no one can forge, say, a {@code sync:error}.
   */
  public static boolean isReserved(String type) {
    return SERVER_GENERATED.contains(type) || MessageType.ofWireName(type).isPresent();
  }

  private static final Pattern CUSTOM_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_:.-]{0,63}");

  /**
   * A type the backend may publish into a room: well-formed and not one of the protocol's own.
   *
   * @throws RequestRejected UNKNOWN_TYPE otherwise
   */
  public static String requireCustom(String type) {
    if (type == null || !CUSTOM_TYPE.matcher(type).matches() || isReserved(type)) {
      throw new RequestRejected(
          ErrorCode.UNKNOWN_TYPE,
          "Event type must be 1-64 of A-Z a-z 0-9 _ : . - and not a protocol type");
    }
    return type;
  }
}
