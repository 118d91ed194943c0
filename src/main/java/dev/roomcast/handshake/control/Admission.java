package dev.roomcast.handshake.control;

import dev.roomcast.connection.control.CloseCodes;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.ErrorReply;
import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.identity.entity.Identity;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.publicrooms.control.ConnectionLimits;
import dev.roomcast.rooms.control.RoomAssignment;
import dev.roomcast.rooms.control.Subscriptions;
import dev.roomcast.rooms.entity.RoomNames;
import dev.roomcast.state.control.RoomStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides whether a fresh socket becomes a connection. A refused one gets {@code error {code,
 * message}} and a documented close code (docs/protocol.md), never a silent drop.
 */
@ApplicationScoped
public class Admission {

  private static final Logger LOG = Logger.getLogger(Admission.class.getName());

  private ConnectionLifecycle lifecycle;
  private TokenAuthentication authentication;
  private RoomAssignment assignment;
  private Subscriptions subscriptions;
  private ConnectionLimits limits;
  private RoomStore store;

  protected Admission() {}

  @Inject
  public Admission(
      ConnectionLifecycle lifecycle,
      TokenAuthentication authentication,
      RoomAssignment assignment,
      Subscriptions subscriptions,
      ConnectionLimits limits,
      RoomStore store) {
    this.lifecycle = lifecycle;
    this.authentication = authentication;
    this.assignment = assignment;
    this.subscriptions = subscriptions;
    this.limits = limits;
    this.store = store;
  }

  /**
   * The main socket ({@code /ws}): authenticates the token (F3.1), opens the connection in its
   * {@code client:}/{@code user:} rooms (F3.2) and assigns rooms from the query (F1.1).
   */
  public Optional<Connection> admit(FrameSink sink, String token, Map<String, List<String>> query) {
    Identity identity;
    try {
      identity = authentication.authenticate(token, sink.id());
    } catch (RequestRejected e) {
      LOG.info("session " + sink.id() + " refused: " + e.getMessage());
      lifecycle.refuse(sink, reply(e), CloseCodes.UNAUTHORIZED);
      return Optional.empty();
    }
    Connection connection = lifecycle.open(sink, identity, null, null);
    assignment.assign(connection, query);
    return Optional.of(connection);
  }

  /**
   * A {@code /public-room/{roomId}} socket (F4.1, F4.2): the room must exist and the client's
   * address must have a free slot; the connection then follows {@code room:<roomId>} only.
   */
  public Optional<Connection> admitPublic(FrameSink sink, String roomId, String clientAddress) {
    if (!RoomNames.isValidId(roomId) || store.room(roomId).isEmpty()) {
      lifecycle.refuse(
          sink,
          new ErrorReply(ErrorCode.ROOM_NOT_FOUND, "Room " + roomId + " not found", null),
          CloseCodes.ROOM_NOT_FOUND);
      return Optional.empty();
    }
    if (clientAddress == null) {
      lifecycle.refuse(
          sink,
          new ErrorReply(ErrorCode.CONNECTION_ERROR, "Client address unknown", null),
          CloseCodes.CONNECTION_ERROR);
      return Optional.empty();
    }
    String ipHash = ConnectionLimits.hash(clientAddress);
    try {
      if (!limits.admit(ipHash, lifecycle.sidFor(sink))) {
        lifecycle.refuse(
            sink,
            new ErrorReply(
                ErrorCode.TOO_MANY_CONNECTIONS,
                "Too many connections from this address (limit " + limits.limit() + ")",
                null),
            CloseCodes.TOO_MANY_CONNECTIONS);
        return Optional.empty();
      }
    } catch (RequestRejected e) {
      LOG.log(Level.WARNING, "admitting session " + sink.id() + " failed", e);
      lifecycle.refuse(
          sink,
          new ErrorReply(ErrorCode.CONNECTION_ERROR, "Failed to establish connection", null),
          CloseCodes.CONNECTION_ERROR);
      return Optional.empty();
    }
    Connection connection = lifecycle.open(sink, Identity.anonymous(sink.id()), ipHash, roomId);
    subscriptions.assign(connection, RoomNames.ofRoom(roomId));
    return Optional.of(connection);
  }

  private static ErrorReply reply(RequestRejected e) {
    return new ErrorReply(e.code(), e.getMessage(), null);
  }
}
