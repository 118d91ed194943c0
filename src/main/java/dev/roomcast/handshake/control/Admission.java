package dev.roomcast.handshake.control;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.ErrorReply;
import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.drain.control.NodeDrain;
import dev.roomcast.identity.control.Kicks;
import dev.roomcast.identity.control.TokenAuthentication;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.control.RoomAssignment;
import dev.roomcast.rooms.control.RoomStore;
import dev.roomcast.rooms.control.Subscriptions;
import dev.roomcast.store.control.StoreStatus;
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
  private Kicks kicks;
  private RoomAssignment assignment;
  private Subscriptions subscriptions;
  private ConnectionLimits limits;
  private RoomStore store;
  private StoreStatus storeStatus;
  private NodeDrain drain;

  protected Admission() {}

  @Inject
  public Admission(
      ConnectionLifecycle lifecycle,
      TokenAuthentication authentication,
      Kicks kicks,
      RoomAssignment assignment,
      Subscriptions subscriptions,
      ConnectionLimits limits,
      RoomStore store,
      StoreStatus storeStatus,
      NodeDrain drain) {
    this.lifecycle = lifecycle;
    this.authentication = authentication;
    this.kicks = kicks;
    this.assignment = assignment;
    this.subscriptions = subscriptions;
    this.limits = limits;
    this.store = store;
    this.storeStatus = storeStatus;
    this.drain = drain;
  }

  /**
   * The main socket ({@code /ws}): authenticates the token (F3.1), opens the connection in its
   * {@code client:}/{@code user:} rooms (F3.2) and assigns rooms from the query (F1.1). The
   * connection comes back in its opening: the caller ends it with {@link
   * ConnectionLifecycle#opened}.
   */
  public Optional<Connection> admit(FrameSink sink, String token, Map<String, List<String>> query) {
    if (drain.draining()) {
      refuseDraining(sink);
      return Optional.empty();
    }
    if (!storeStatus.reachable()) {
      refuseUnavailable(sink, null);
      return Optional.empty();
    }
    Identity identity;
    try {
      // anonymous users are named after the connection's sid, node part included (docs: anon-<sid>)
      identity = authentication.authenticate(token, lifecycle.sidFor(sink));
    } catch (RequestRejected e) {
      LOG.info("session " + sink.id() + " refused: " + e.getMessage());
      lifecycle.refuse(
          sink,
          reply(e),
          e.code() == ErrorCode.STORE_UNAVAILABLE
              ? CloseCodes.TRY_AGAIN_LATER
              : CloseCodes.UNAUTHORIZED);
      return Optional.empty();
    }
    Connection connection = lifecycle.open(sink, identity, null, null);
    if (kicks.revokedMeanwhile(identity)) {
      // its token was verified just before a cut-off was written, and it registered just after
      // the cut-off closed the user's connections here
      connection.close(CloseCodes.KICKED, "Token revoked");
      return Optional.of(connection);
    }
    try {
      assignment.assign(connection, query);
    } catch (RuntimeException e) {
      lifecycle.abandon(connection);
      throw e;
    }
    return Optional.of(connection);
  }

  /**
   * A {@code /public-room/{roomId}} socket (F4.1, F4.2): anonymous connections must be allowed
   * ({@code ROOMCAST_AUTH_ANONYMOUS}), the room must exist and the client's address must have a
   * free slot; the connection then follows {@code room:<roomId>} only.
   */
  public Optional<Connection> admitPublic(FrameSink sink, String roomId, String clientAddress) {
    if (drain.draining()) {
      refuseDraining(sink);
      return Optional.empty();
    }
    if (!storeStatus.reachable()) {
      refuseUnavailable(sink, null);
      return Optional.empty();
    }
    try {
      return admitPublicRoom(sink, roomId, clientAddress);
    } catch (RequestRejected e) {
      if (e.code() != ErrorCode.STORE_UNAVAILABLE) {
        throw e;
      }
      refuseUnavailable(sink, e);
      return Optional.empty();
    }
  }

  private Optional<Connection> admitPublicRoom(
      FrameSink sink, String roomId, String clientAddress) {
    try {
      // a public-room connection is anonymous: refused where anonymous connections are
      authentication.authenticate(null, lifecycle.sidFor(sink));
    } catch (RequestRejected e) {
      LOG.info("public session " + sink.id() + " refused: " + e.getMessage());
      lifecycle.refuse(sink, reply(e), CloseCodes.UNAUTHORIZED);
      return Optional.empty();
    }
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
      if (e.code() == ErrorCode.STORE_UNAVAILABLE) {
        throw e;
      }
      LOG.log(Level.WARNING, "admitting session " + sink.id() + " failed", e);
      lifecycle.refuse(
          sink,
          new ErrorReply(ErrorCode.CONNECTION_ERROR, "Failed to establish connection", null),
          CloseCodes.CONNECTION_ERROR);
      return Optional.empty();
    }
    // a failed opening releases the address's slot itself, with the rest of the connection
    Connection connection =
        lifecycle.open(sink, Identity.anonymous(lifecycle.sidFor(sink)), ipHash, roomId);
    try {
      subscriptions.assign(connection, RoomNames.ofRoom(roomId));
    } catch (RuntimeException e) {
      lifecycle.abandon(connection);
      throw e;
    }
    return Optional.of(connection);
  }

  /**
   * The store is down: the socket could not be served (no sequence, no history, no shared state),
   * so it gets {@code error STORE_UNAVAILABLE} and 1013 Try Again Later, and is never counted.
   */
  private void refuseUnavailable(FrameSink sink, RequestRejected cause) {
    LOG.fine(
        () ->
            "session "
                + sink.id()
                + " refused: state store unavailable"
                + (cause == null ? "" : " (" + cause.getMessage() + ")"));
    lifecycle.refuse(
        sink,
        new ErrorReply(
            ErrorCode.STORE_UNAVAILABLE, "State store unavailable; try again later", null),
        CloseCodes.TRY_AGAIN_LATER);
  }

  /**
   * The node drains (B6): its filter refuses the upgrade with 503, and a socket whose upgrade
   * passed just before the drain began gets {@code error NODE_DRAINING} and 1001 Going Away.
   */
  private void refuseDraining(FrameSink sink) {
    lifecycle.refuse(
        sink,
        new ErrorReply(
            ErrorCode.NODE_DRAINING, "This node is shutting down; connect to another node", null),
        CloseCodes.GOING_AWAY);
  }

  private static ErrorReply reply(RequestRejected e) {
    return new ErrorReply(e.code(), e.getMessage(), null);
  }
}
