package dev.roomcast.publicrooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Outbox;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.SessionRegistry;
import dev.roomcast.handshake.control.ConnectionLimits;
import dev.roomcast.handshake.control.InMemoryConnectionLimits;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.publicrooms.control.IdleCheck;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleCheckTest {

  private final Fixture fixture = new Fixture();
  private final SessionRegistry sessions = new SessionRegistry();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final IdleCheck check =
      new IdleCheck(
          sessions,
          new Replies(fixture.codec, fixture.serverSequence, new EventIds()),
          new ConnectionLimits(new InMemoryConnectionLimits(), 2, 3_600_000, Clock.systemUTC()),
          scheduler,
          Settings.defaults());

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private Connection idle(RecordingSink sink) {
    Connection connection = new Connection(sink.id(), new Outbox(sink, 100));
    connection.inbound(System.currentTimeMillis() - 3_600_000);
    sessions.add(connection);
    return connection;
  }

  @Test
  void threeUnansweredPingsCloseWithConnectionTimeout() {
    RecordingSink sink = new RecordingSink("s1");
    idle(sink);
    check.tick();
    assertEquals(1, sink.ofType("ping").size());
    check.tick();
    check.tick();
    assertNull(sink.closeCode, "two missed pongs are tolerated");
    check.tick();
    assertEquals(4010, sink.closeCode);
    assertEquals(
        "CONNECTION_TIMEOUT", sink.ofType("error").get(0).getJsonObject("data").getString("code"));
  }

  @Test
  void anyFrameAnswersThePing() {
    RecordingSink sink = new RecordingSink("s2");
    Connection connection = idle(sink);
    for (int i = 0; i < 5; i++) {
      check.tick();
      connection.inbound(System.currentTimeMillis());
    }
    assertNull(sink.closeCode);
    assertEquals(1, sink.ofType("ping").size(), "active connections are not pinged again");
  }

  @Test
  void aClientThatReadsNothingIsClosedAnyway() {
    StuckSink sink = new StuckSink("s3");
    idle(sink);
    for (int i = 0; i < 5; i++) {
      check.tick();
    }
    assertEquals(4010, sink.closeCode, "closed although the timeout notice never drained");
  }

  /** A sink whose sends never complete, like a client that stopped reading. */
  private static final class StuckSink extends RecordingSink {
    StuckSink(String id) {
      super(id);
    }

    @Override
    public void send(
        java.util.List<dev.roomcast.connection.control.OutboundFrame> frames,
        java.util.function.Consumer<Throwable> done) {
      // never done
    }
  }
}
