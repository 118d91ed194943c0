package dev.roomcast.publicrooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.presence.entity.PresentUser;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.protocol.entity.ServerEnvelope;
import dev.roomcast.publicrooms.entity.PublicUser;
import dev.roomcast.rooms.control.RoomEventService;
import dev.roomcast.rooms.control.RoomService;
import dev.roomcast.rooms.entity.Published;
import dev.roomcast.rooms.entity.SweepRound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Anonymous public rooms (F4.1, F4.4, F4.6, F4.7): users created over REST and bound to the hash of
 * their IP, joining and leaving over the socket or REST, and backend broadcasts.
 */
@ApplicationScoped
public class PublicRooms {

  private static final int MAX_USER_NAME = 64;
  private PublicUserStore store;
  private RoomService rooms;
  private RoomEventService events;
  private PresenceService presence;
  private Clock clock;
  private long userTtlMillis;
  private int usersPerIp;
  private long usersWindowMillis;
  private boolean anonymousAllowed;

  protected PublicRooms() {}

  @Inject
  public PublicRooms(
      PublicUserStore store,
      RoomService rooms,
      RoomEventService events,
      PresenceService presence,
      Settings settings) {
    this.store = store;
    this.rooms = rooms;
    this.events = events;
    this.presence = presence;
    this.clock = Clock.systemUTC();
    this.userTtlMillis = settings.publicUserTtl().toMillis();
    this.usersPerIp = settings.publicUsersPerIp();
    this.usersWindowMillis = settings.publicUsersWindow().toMillis();
    this.anonymousAllowed = settings.anonymousAllowed();
  }

  /**
   * {@code POST /api/public/users}: a new anonymous user bound to the caller's address hash.
   *
   * @throws RequestRejected RATE_LIMITED when the address created its allowance this window,
   *     UNAUTHORIZED where anonymous users are not allowed ({@code ROOMCAST_AUTH_ANONYMOUS=false})
   */
  public PublicUser createUser(String userName, String ipHash) {
    if (!anonymousAllowed) {
      throw new RequestRejected(
          ErrorCode.UNAUTHORIZED,
          "Public users are anonymous, and this server accepts no anonymous clients");
    }
    String name = requireName(userName);
    long created = store.countUserCreation(ipHash, clock.millis(), usersWindowMillis);
    if (created > usersPerIp) {
      throw new RequestRejected(
          ErrorCode.RATE_LIMITED,
          "This address created "
              + usersPerIp
              + " public users within "
              + usersWindowMillis / 1000
              + " s; try again later");
    }
    PublicUser user =
        new PublicUser(UUID.randomUUID().toString(), name, ipHash, Instant.now(clock).toString());
    store.saveUser(user, clock.millis(), userTtlMillis);
    return user;
  }

  /**
   * {@code join-room} on {@code /public-room/{roomId}}: the connection becomes present as the user.
   *
   * @throws RequestRejected INVALID_REQUEST without a user id, INVALID_USER for an unknown user or
   *     one created from another address, JOIN_ERROR if already present as another user
   */
  public PresentUser join(Connection connection, String userId, String userName) {
    if (!connection.isPublic()) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST, "join-room is for /public-room connections; use join:room");
    }
    PublicUser user = requireUser(userId, connection.ipHash());
    String name = userName == null || userName.isBlank() ? user.userName() : requireName(userName);
    return presence.enter(connection, RoomNames.ofRoom(connection.publicRoomId()), userId, name);
  }

  /** {@code leave-room}: no longer present; the seed's client then expects to be disconnected. */
  public void leave(Connection connection, String userId) {
    if (!connection.isPublic()) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST, "leave-room is for /public-room connections; use leave:room");
    }
    if (userId == null || userId.isBlank()) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Missing userId");
    }
    presence.leave(connection, RoomNames.ofRoom(connection.publicRoomId()), userId);
  }

  /** {@code POST /api/public/rooms/{id}/join}: the user is present without a socket (F4.6). */
  public PresentUser joinOverRest(String roomId, String userId, String ipHash) {
    requireRoom(roomId);
    PublicUser user = requireUser(userId, ipHash);
    return presence.enterOverRest(RoomNames.ofRoom(roomId), user.userId(), user.userName());
  }

  /** {@code POST /api/public/rooms/{id}/leave}: the user and all its connections leave (F4.6). */
  public void leaveOverRest(String roomId, String userId, String ipHash) {
    requireRoom(roomId);
    requireUser(userId, ipHash);
    if (!presence.leaveOverRest(RoomNames.ofRoom(roomId), userId)) {
      throw new RequestRejected(ErrorCode.LEAVE_ERROR, "User " + userId + " is not in the room");
    }
  }

  /** {@code POST /api/public/rooms/{id}/broadcast}: any non-reserved event type (F4.7). */
  public Published broadcast(String roomId, String type, JsonObject data) {
    requireRoom(roomId);
    ServerEnvelope sent =
        events.publish(
            RoomNames.ofRoom(roomId),
            EventTypes.requireCustom(type),
            data == null ? JsonValue.EMPTY_JSON_OBJECT : data);
    return new Published(sent.room(), sent.roomSeq(), sent.serverSeq(), sent.eventId());
  }

  private void requireRoom(String roomId) {
    if (!RoomNames.isValidId(roomId)) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Invalid room id");
    }
    rooms.get(roomId);
  }

  private PublicUser requireUser(String userId, String ipHash) {
    if (userId == null || userId.isBlank()) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Missing userId");
    }
    return store
        .publicUser(userId, clock.millis(), userTtlMillis)
        .filter(user -> user.ipHash().equals(ipHash))
        .orElseThrow(
            () ->
                new RequestRejected(
                    ErrorCode.INVALID_USER, "User not found or does not match this address"));
  }

  private static String requireName(String userName) {
    if (userName == null || userName.isBlank() || userName.length() > MAX_USER_NAME) {
      throw new RequestRejected(
          ErrorCode.INVALID_REQUEST, "userName must be 1-" + MAX_USER_NAME + " characters");
    }
    return userName.strip();
  }

  /** Expired public users go with the sweeper's round (B12). */
  void purgeExpired(@Observes SweepRound round) {
    store.purgeExpiredUsers(round.nowMillis());
  }
}
