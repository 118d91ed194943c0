package dev.roomcast.state.control;

import dev.roomcast.presence.entity.PresenceChange;
import dev.roomcast.presence.entity.PresentUser;
import dev.roomcast.publicrooms.entity.PublicUser;
import dev.roomcast.state.entity.HistoryEntry;
import dev.roomcast.state.entity.StreamPosition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The parts of a {@link RoomStore} that live in classes of their own (history, presence, per-IP
 * counts, public users), handed on to them so each backend only says which ones it uses.
 */
abstract class StoreParts
    implements HistoryStore, PresenceStore, ConnectionLimitStore, PublicUserStore {

  private final HistoryStore history;
  private final PresenceStore presence;
  private final ConnectionLimitStore connectionLimits;
  private final PublicUserStore publicUsers;

  StoreParts(
      HistoryStore history,
      PresenceStore presence,
      ConnectionLimitStore connectionLimits,
      PublicUserStore publicUsers) {
    this.history = history;
    this.presence = presence;
    this.connectionLimits = connectionLimits;
    this.publicUsers = publicUsers;
  }

  @Override
  public StreamPosition position(String room) {
    return history.position(room);
  }

  @Override
  public long nextRoomSeq(String room) {
    return history.nextRoomSeq(room);
  }

  @Override
  public long currentRoomSeq(String room) {
    return history.currentRoomSeq(room);
  }

  @Override
  public void append(String room, HistoryEntry entry) {
    history.append(room, entry);
  }

  @Override
  public List<HistoryEntry> after(String room, long after) {
    return history.after(room, after);
  }

  @Override
  public OptionalLong lastPublishedAt(String room) {
    return history.lastPublishedAt(room);
  }

  @Override
  public void expireAged() {
    history.expireAged();
  }

  @Override
  public Collection<String> idleStreams(long idleBeforeMillis) {
    return history.idleStreams(idleBeforeMillis);
  }

  @Override
  public boolean forget(String room, long idleBeforeMillis) {
    return history.forget(room, idleBeforeMillis);
  }

  @Override
  public Map<String, String> keepAlive(Collection<String> rooms) {
    return history.keepAlive(rooms);
  }

  @Override
  public PresenceChange enter(
      String room, String userId, String userName, String sid, boolean active, String joinedAt) {
    return presence.enter(room, userId, userName, sid, active, joinedAt);
  }

  @Override
  public Optional<PresenceChange> exit(String room, String userId, String sid) {
    return presence.exit(room, userId, sid);
  }

  @Override
  public Optional<PresenceChange> exitUser(String room, String userId) {
    return presence.exitUser(room, userId);
  }

  @Override
  public boolean markActive(String room, String userId, String sid, boolean active) {
    return presence.markActive(room, userId, sid, active);
  }

  @Override
  public List<PresentUser> present(String room) {
    return presence.present(room);
  }

  @Override
  public Set<String> presentRooms() {
    return presence.presentRooms();
  }

  @Override
  public boolean admit(
      String ipHash, String sid, int limit, long nowMillis, long staleAfterMillis) {
    return connectionLimits.admit(ipHash, sid, limit, nowMillis, staleAfterMillis);
  }

  @Override
  public void release(String ipHash, String sid) {
    connectionLimits.release(ipHash, sid);
  }

  @Override
  public int connectionCount(String ipHash, long nowMillis, long staleAfterMillis) {
    return connectionLimits.connectionCount(ipHash, nowMillis, staleAfterMillis);
  }

  @Override
  public void purgeStale(long nowMillis, long staleAfterMillis) {
    connectionLimits.purgeStale(nowMillis, staleAfterMillis);
  }

  @Override
  public void saveUser(PublicUser user, long nowMillis, long ttlMillis) {
    publicUsers.saveUser(user, nowMillis, ttlMillis);
  }

  @Override
  public Optional<PublicUser> publicUser(String userId, long nowMillis, long ttlMillis) {
    return publicUsers.publicUser(userId, nowMillis, ttlMillis);
  }

  @Override
  public long countUserCreation(String ipHash, long nowMillis, long windowMillis) {
    return publicUsers.countUserCreation(ipHash, nowMillis, windowMillis);
  }

  @Override
  public void purgeExpiredUsers(long nowMillis) {
    publicUsers.purgeExpiredUsers(nowMillis);
  }
}
