package dev.roomcast.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.connection.control.RateLimit;
import dev.roomcast.connection.control.RoomRegistry;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.identity.control.InMemoryTokenCutoffs;
import dev.roomcast.identity.control.Kicks;
import dev.roomcast.identity.control.TokenCutoffs;
import dev.roomcast.identity.entity.UserDisconnect;
import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.support.RecordingSink;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Kicks and token cut-offs on one node, and what they announce to the others (F3.7). */
class KicksTest {

  private final RoomRegistry registry = new RoomRegistry();
  private final SessionRegistry sessions = new SessionRegistry();
  private final InMemoryTokenCutoffs store = new InMemoryTokenCutoffs(Clock.systemUTC());
  private final TokenCutoffs cutoffs =
      new TokenCutoffs(store, Duration.ofDays(1), Clock.systemUTC());
  private final List<UserDisconnect> announced = new ArrayList<>();
  private final Kicks kicks = new Kicks(registry, sessions, cutoffs, new Recorded(announced));
  private final long now = Instant.now().getEpochSecond();

  private RecordingSink connect(String sid, String userId, long issuedAt) {
    RecordingSink sink = new RecordingSink(sid);
    Connection connection =
        new Connection(
            sid,
            new Outbox(sink, 100),
            new Identity(userId, userId, true, issuedAt),
            null,
            null,
            RateLimit.unlimited());
    sessions.add(connection);
    registry.join(connection, RoomNames.ofUser(userId));
    return sink;
  }

  @Test
  void kickClosesTheUsersConnectionsHereAndAnnouncesIt_F3_7() {
    RecordingSink tab1 = connect("s1", "ann", now);
    RecordingSink tab2 = connect("s2", "ann", now - 100);
    RecordingSink other = connect("s3", "bob", now);
    assertEquals(2, kicks.kick("ann"));
    assertEquals(CloseCodes.KICKED, tab1.closeCode);
    assertEquals(CloseCodes.KICKED, tab2.closeCode);
    assertNull(other.closeCode);
    assertEquals(List.of(UserDisconnect.kick("ann")), announced);
  }

  @Test
  void cutoffClosesOnlyConnectionsWithOlderTokensAndIsStored_F3_7() {
    RecordingSink old = connect("s1", "ann", now - 100);
    RecordingSink fresh = connect("s2", "ann", now + 100);
    assertEquals(1, kicks.revokeTokens("ann", now).closed());
    assertEquals(CloseCodes.KICKED, old.closeCode);
    assertNull(fresh.closeCode);
    assertEquals(now, store.cutoff("ann").getAsLong());
    assertEquals(List.of(new UserDisconnect("ann", now)), announced);
    assertThrows(RequestRejected.class, () -> kicks.revokeTokens("ann", now + 3600));
  }

  @Test
  void anOrderFromAnotherNodeIsCarriedOutWithoutAnnouncingItAgain_F3_7() {
    RecordingSink old = connect("s1", "ann", now - 100);
    assertEquals(1, kicks.apply(new UserDisconnect("ann", now)));
    assertEquals(CloseCodes.KICKED, old.closeCode);
    assertTrue(announced.isEmpty());
    // a handshake that raced the order is caught after it registered
    assertTrue(kicks.revokedMeanwhile(new Identity("ann", "ann", true, now - 50)));
    assertFalse(kicks.revokedMeanwhile(new Identity("ann", "ann", true, now)));
  }

  @Test
  void recheckClosesConnectionsACutoffInTheStoreRefuses_F3_7() {
    RecordingSink old = connect("s1", "ann", now - 100);
    RecordingSink bob = connect("s2", "bob", now - 100);
    // written by another node whose announcement this node missed
    store.raiseCutoff("ann", now, Duration.ofHours(1));
    assertNull(old.closeCode);
    assertEquals(1, kicks.recheck());
    assertEquals(CloseCodes.KICKED, old.closeCode);
    assertNull(bob.closeCode);
  }

  /** Records fired events, as CDI would deliver them to the cluster's observer. */
  private record Recorded(List<UserDisconnect> fired) implements Event<UserDisconnect> {
    @Override
    public void fire(UserDisconnect event) {
      fired.add(event);
    }

    @Override
    public <U extends UserDisconnect> CompletionStage<U> fireAsync(U event) {
      fire(event);
      return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends UserDisconnect> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      return fireAsync(event);
    }

    @Override
    public Event<UserDisconnect> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends UserDisconnect> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends UserDisconnect> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
