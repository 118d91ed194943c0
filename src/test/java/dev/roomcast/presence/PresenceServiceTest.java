package dev.roomcast.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.connection.control.RateLimit;
import dev.roomcast.presence.control.InMemoryPresenceStore;
import dev.roomcast.presence.control.PresenceBatches;
import dev.roomcast.presence.control.PresenceService;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.RoomKinds;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class PresenceServiceTest {

  private final Fixture fixture = new Fixture();
  private final InMemoryPresenceStore store = new InMemoryPresenceStore();
  private final PresenceService presence =
      new PresenceService(
          store,
          fixture.events,
          RoomKinds.defaults(),
          new PresenceBatches(
              fixture.events,
              store,
              Executors.newSingleThreadScheduledExecutor(),
              Duration.ofMillis(50)));

  private Connection connection(String sid, Identity identity) {
    Connection connection =
        new Connection(
            sid,
            new Outbox(new RecordingSink(sid), 100),
            identity,
            null,
            null,
            RateLimit.unlimited());
    fixture.registry.join(connection, "room:r");
    return connection;
  }

  @Test
  void secondTabAnnouncesNothingAndOnlyTheLastDepartureIsAnnounced() {
    RecordingSink watcher = fixture.member("w", "room:r");
    Identity ann = new Identity("ann", "Ann", true);
    Connection tab1 = connection("t1", ann);
    Connection tab2 = connection("t2", ann);
    presence.joined(tab1, "room:r");
    presence.joined(tab2, "room:r");
    assertEquals(1, watcher.ofType("user-joined").size());
    assertEquals(1, presence.list("room:r").occupancy());
    assertEquals(2, presence.list("room:r").members().get(0).connections());

    presence.left(tab1, "room:r");
    assertEquals(0, watcher.ofType("user-left").size());
    presence.left(tab2, "room:r");
    assertEquals(1, watcher.ofType("user-left").size());
    assertEquals(
        0, watcher.ofType("user-left").get(0).getJsonObject("data").getInt("currentOccupancy"));
  }

  @Test
  void aConnectionIsOneUserPerRoom() {
    Connection tab = connection("t1", Identity.anonymous("t1"));
    presence.enter(tab, "room:r", "ann", "Ann");
    presence.enter(tab, "room:r", "ann", "Ann");
    assertEquals(
        ErrorCode.JOIN_ERROR,
        assertThrows(RequestRejected.class, () -> presence.enter(tab, "room:r", "bob", "Bob"))
            .code());
    assertEquals(
        ErrorCode.INVALID_USER,
        assertThrows(RequestRejected.class, () -> presence.leave(tab, "room:r", "bob")).code());
    presence.leave(tab, "room:r", "ann");
    assertEquals(
        ErrorCode.LEAVE_ERROR,
        assertThrows(RequestRejected.class, () -> presence.leave(tab, "room:r", "ann")).code());
  }

  @Test
  void inactiveConnectionsShowInThePresenceList() {
    Connection tab = connection("t1", new Identity("ann", "Ann", true));
    presence.joined(tab, "room:r");
    presence.setActive(tab, false);
    assertEquals(false, presence.list("room:r").members().get(0).isActive());
  }
}
