package dev.roomcast.connection.control;

import dev.roomcast.protocol.entity.Identity;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client's WebSocket connection: its id, who it belongs to, its outbound queue, the rooms it is
 * in and the per-connection counters of liveness and rate (none of it is shared between nodes).
 *
 * <p>It also knows whether its socket is gone and whether work on it is still running (its opening,
 * a request), so that what it holds is released exactly once and only after that work: a join or a
 * lock a request completes after the socket went must not outlive the release.
 */
public class Connection {

  // causes already logged for this connection; a few at most, so the set stays small
  private static final int MAX_LOGGED_CAUSES = 8;

  private final String sid;
  private final Outbox outbox;
  private final Identity identity;
  private final String ipHash;
  private final String publicRoomId;
  private final RateLimit rateLimit;
  private final Set<String> rooms = ConcurrentHashMap.newKeySet();
  // room -> the user id this connection is present as there (F4.4)
  private final Map<String, String> presentAs = new ConcurrentHashMap<>();
  private final AtomicInteger missedPongs = new AtomicInteger();
  private volatile long lastInboundMillis = System.currentTimeMillis();
  // any frame at all, a transport pong included: the peer is still there (not F4.3's liveness)
  private volatile long lastHeardMillis = lastInboundMillis;
  private volatile boolean awaitingPong;
  private volatile boolean active = true;
  // work in progress on this connection: its opening (until opened()) and requests being handled
  private final AtomicInteger inProgress = new AtomicInteger(1);
  private volatile boolean ended;
  private final AtomicBoolean released = new AtomicBoolean();
  private final Set<String> loggedCauses = ConcurrentHashMap.newKeySet();

  public Connection(String sid, Outbox outbox) {
    this(sid, outbox, Identity.anonymous(sid), null, null, RateLimit.unlimited());
  }

  /**
   * @param ipHash SHA-256 of the client's address where a per-IP limit applies, else null
   * @param publicRoomId the room of a {@code /public-room/{roomId}} connection, else null
   */
  public Connection(
      String sid,
      Outbox outbox,
      Identity identity,
      String ipHash,
      String publicRoomId,
      RateLimit rateLimit) {
    this.sid = sid;
    this.outbox = outbox;
    this.identity = identity;
    this.ipHash = ipHash;
    this.publicRoomId = publicRoomId;
    this.rateLimit = rateLimit;
  }

  public String sid() {
    return sid;
  }

  public Identity identity() {
    return identity;
  }

  /** The hashed client address this connection counts against, or null. */
  public String ipHash() {
    return ipHash;
  }

  /** The room of a public-room connection, or null for the main socket. */
  public String publicRoomId() {
    return publicRoomId;
  }

  public boolean isPublic() {
    return publicRoomId != null;
  }

  /** Queues an already-encoded frame; false if the connection is gone or was cut off. */
  public boolean send(String frame) {
    return outbox.offer(frame);
  }

  /** Queues a frame built once for many connections; false if the connection is gone. */
  public boolean send(OutboundFrame frame) {
    return outbox.offer(frame);
  }

  /** Queues a resume's missed frames in order; they do not count against the outbound bound. */
  public boolean replay(List<String> frames) {
    return outbox.replay(frames);
  }

  /** Closes the connection once the frames already queued are sent. */
  public void close(int code, String reason) {
    outbox.closeAfterDrain(code, reason);
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

  /** The rooms where this connection is present, with the user id it is present as. */
  public Map<String, String> presence() {
    return Collections.unmodifiableMap(presentAs);
  }

  public void markPresent(String room, String userId) {
    presentAs.put(room, userId);
  }

  public String unmarkPresent(String room) {
    return presentAs.remove(room);
  }

  public RateLimit rateLimit() {
    return rateLimit;
  }

  /** Whether the client says it is in use (F3.8); true until it reports otherwise. */
  public boolean isActive() {
    return active;
  }

  public void setActive(boolean active) {
    this.active = active;
  }

  /** A frame arrived: the client is alive, whatever it sent (F4.3). */
  public void inbound(long nowMillis) {
    lastInboundMillis = nowMillis;
    heard(nowMillis);
    awaitingPong = false;
    missedPongs.set(0);
  }

  /**
   * Some frame arrived, a transport pong or a part of a message: the peer is there. Unlike {@link
   * #inbound} it does not answer the F4.3 {@code ping}, which asks for the client's own answer.
   */
  public void heard(long nowMillis) {
    lastHeardMillis = nowMillis;
    outbox.peerHeard();
  }

  /** When the peer last sent anything, a transport pong included. */
  public long lastHeardMillis() {
    return lastHeardMillis;
  }

  public long lastInboundMillis() {
    return lastInboundMillis;
  }

  public boolean awaitingPong() {
    return awaitingPong;
  }

  /** A ping went out and the next inbound frame will count as its pong. */
  public void pinged() {
    awaitingPong = true;
  }

  /** The last ping went unanswered; returns how many in a row have. */
  public int missedPong() {
    return missedPongs.incrementAndGet();
  }

  /**
   * Work on the connection starts (a request). Always pair it with {@link #leave()}.
   *
   * @return false if the socket is already gone: the work must be skipped
   */
  boolean enter() {
    inProgress.incrementAndGet();
    return !ended;
  }

  /**
   * Work on the connection (its opening or a request) is done.
   *
   * @return true if the socket went meanwhile and the caller must now release the connection
   */
  boolean leave() {
    return inProgress.decrementAndGet() == 0 && ended && released.compareAndSet(false, true);
  }

  /**
   * The socket is gone.
   *
   * @return true if no work is in progress and the caller must now release the connection; else the
   *     last work to leave does
   */
  boolean end() {
    ended = true;
    return inProgress.get() == 0 && released.compareAndSet(false, true);
  }

  /** Whether the socket is gone (its release may still be pending). */
  public boolean hasEnded() {
    return ended;
  }

  /**
   * Whether {@code cause} is reported for this connection for the first time; a connection logs
   * each cause once, so one misbehaving client cannot fill the log.
   */
  public boolean firstReportOf(String cause) {
    return loggedCauses.size() < MAX_LOGGED_CAUSES && loggedCauses.add(cause);
  }

  @Override
  public String toString() {
    return "Connection[" + sid + "]";
  }
}
