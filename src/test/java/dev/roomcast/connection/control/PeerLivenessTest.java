package dev.roomcast.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.protocol.entity.CloseCodes;
import dev.roomcast.support.RecordingSink;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PeerLivenessTest {

  private final SessionRegistry sessions = new SessionRegistry();
  private final Traffic traffic = new Traffic();
  private final PeerLiveness liveness =
      new PeerLiveness(
          sessions,
          traffic,
          new IncidentLog(),
          null,
          Duration.ofSeconds(25),
          Duration.ofSeconds(20));

  private Connection connectionOn(RecordingSink sink) {
    Connection connection = new Connection("s1", new Outbox(sink, 8, traffic));
    sessions.add(connection);
    return connection;
  }

  @Test
  void aSilentPeerIsPingedThenClosedAsLost_B12() {
    RecordingSink sink = new RecordingSink("s1");
    Connection connection = connectionOn(sink);
    long heard = connection.lastHeardMillis();

    liveness.check(connection, heard + 24_000);
    assertTrue(sink.sentFrames().isEmpty(), "nothing before the interval");

    liveness.check(connection, heard + 25_000);
    assertEquals(1, sink.sentFrames().size());
    assertTrue(sink.sentFrames().get(0).isPing(), "a transport ping, not a message");
    assertNull(sink.closeCode);

    liveness.check(connection, heard + 45_000);
    assertEquals(CloseCodes.CONNECTION_TIMEOUT, sink.closeCode);
    assertEquals(1, traffic.peersLost());

    // the close and the release take their time on a busy node: later rounds count nothing more
    liveness.check(connection, heard + 45_500);
    liveness.check(connection, heard + 46_000);
    assertEquals(1, traffic.peersLost(), "one lost peer, counted once");
  }

  @Test
  void aPongKeepsThePeerButNotF43sApplicationLiveness_B12() {
    RecordingSink sink = new RecordingSink("s1");
    Connection connection = connectionOn(sink);
    long start = connection.lastHeardMillis();
    connection.pinged(); // F4.3's application ping is out

    connection.heard(start + 40_000); // a transport pong
    liveness.check(connection, start + 50_000);

    assertNull(sink.closeCode, "heard 10 s ago: alive");
    assertTrue(sink.sentFrames().isEmpty());
    assertTrue(connection.awaitingPong(), "F4.3 still waits for the client's own pong");
  }

  @Test
  void aBusyPeerThatOnlyReceivesIsProbedBehindItsFramesOnce_B12() {
    RecordingSink stuck =
        new RecordingSink("s1") {
          @Override
          public void send(
              java.util.List<OutboundFrame> sent, java.util.function.Consumer<Throwable> done) {
            // never completes: the first frame stays in flight, the rest wait
          }
        };
    Connection connection = connectionOn(stuck);
    for (int i = 0; i < 9; i++) { // one in flight, the bound of 8 waiting
      connection.send("{\"type\":\"e" + i + "\"}");
    }
    long heard = connection.lastHeardMillis();

    liveness.check(connection, heard + 30_000);
    liveness.check(connection, heard + 31_000);

    // frames written prove nothing about the peer: the ping goes in, over the bound, once
    assertEquals(9, connection.outbox().pending(), "one ping queued behind the frames");
    assertNull(stuck.closeCode, "a full queue is not pushed into a slow-consumer close");

    liveness.check(connection, heard + 45_000);
    assertEquals(
        CloseCodes.CONNECTION_TIMEOUT, stuck.closeCode, "a queue that stopped moving: lost");
  }

  @Test
  void aPingBehindABacklogTheServerIsStillWritingIsNotThePeersDelay_B12() {
    AtomicLong clock = new AtomicLong(1_000_000);
    // completes when the test says: a server writing slowly
    HandCompletedSink slow = new HandCompletedSink();
    Connection connection =
        new Connection("s1", new Outbox(slow, 1_000, traffic, new IncidentLog(), clock::get));
    sessions.add(connection);
    long heard = clock.get();
    connection.heard(heard);
    for (int i = 0; i < 200; i++) {
      connection.send("{\"type\":\"e" + i + "\"}");
    }
    clock.set(heard + 25_000);
    liveness.check(connection, clock.get()); // the ping queues behind ~200 frames

    // one frame a second leaves; at 45 s the ping still waits, behind a queue that moves
    for (int second = 26; second <= 60; second++) {
      clock.set(heard + second * 1_000L);
      slow.completeNext();
      liveness.check(connection, clock.get());
    }
    assertNull(slow.closeCode, "the delay is the server's, not the peer's");

    // once written, the pong is due 20 s later
    assertTrue(slow.written.stream().noneMatch(OutboundFrame::isPing), "the ping still waits");
    while (slow.written.stream().noneMatch(OutboundFrame::isPing)) {
      slow.completeNext();
    }
    long pingWritten = clock.get();
    clock.set(pingWritten + 19_000);
    liveness.check(connection, clock.get());
    assertNull(slow.closeCode, "its pong is not due yet");
    clock.set(pingWritten + 20_000);
    liveness.check(connection, clock.get());
    assertEquals(CloseCodes.CONNECTION_TIMEOUT, slow.closeCode, "written and unanswered: lost");
  }

  @Test
  void aPeerStillReadingTheBacklogAheadOfItsPingIsNotLost_B12() {
    AtomicLong clock = new AtomicLong(1_000_000);
    // completes when the test says: a peer reading slowly
    HandCompletedSink reading = new HandCompletedSink();
    Connection connection =
        new Connection("s1", new Outbox(reading, 1_000, traffic, new IncidentLog(), clock::get));
    sessions.add(connection);
    long heard = clock.get();
    connection.heard(heard);
    connection.send("{\"type\":\"first\"}");
    clock.set(heard + 25_000);
    liveness.check(connection, clock.get()); // the ping queues behind the first frame
    for (int i = 0; i < 100; i++) {
      connection.send("{\"type\":\"e" + i + "\"}");
    }
    reading.completeNext(); // the first frame
    reading.completeNext(); // the ping: on the wire, behind what the peer has yet to read
    assertTrue(reading.written.stream().anyMatch(OutboundFrame::isPing));

    // no pong for 40 s, but the socket takes a frame a second: the peer reads its backlog
    for (int second = 26; second <= 65; second++) {
      clock.set(heard + second * 1_000L);
      reading.completeNext();
      liveness.check(connection, clock.get());
      assertNull(reading.closeCode, "a peer that reads is not lost, however far behind: " + second);
    }

    // the socket stops taking frames: lost a pong timeout after the last write
    long lastWrite = clock.get();
    clock.set(lastWrite + 19_000);
    liveness.check(connection, clock.get());
    assertNull(reading.closeCode, "not yet");
    clock.set(lastWrite + 20_000);
    liveness.check(connection, clock.get());
    assertEquals(CloseCodes.CONNECTION_TIMEOUT, reading.closeCode, "stopped reading: lost");
  }

  @Test
  void aSocketThatTakesFramesButNeverAnswersIsLostAfterTheGrace_B12() {
    AtomicLong clock = new AtomicLong(1_000_000);
    // a kernel buffer that takes frames for a peer that is gone
    HandCompletedSink buffering = new HandCompletedSink();
    Connection connection =
        new Connection("s1", new Outbox(buffering, 1_000, traffic, new IncidentLog(), clock::get));
    sessions.add(connection);
    long heard = clock.get();
    connection.heard(heard);
    clock.set(heard + 25_000);
    liveness.check(connection, clock.get());
    buffering.completeNext(); // the ping, written at 25 s
    long written = clock.get();
    for (int second = 1; second < 3 * 20; second++) {
      clock.set(written + second * 1_000L);
      connection.send("{\"type\":\"e" + second + "\"}");
      buffering.completeNext();
      liveness.check(connection, clock.get());
      assertNull(buffering.closeCode, "within the grace: " + second);
    }
    clock.set(written + 3 * 20_000);
    liveness.check(connection, clock.get());
    assertEquals(
        CloseCodes.CONNECTION_TIMEOUT, buffering.closeCode, "three pong timeouts unanswered");
  }

  @Test
  void aBusyPeerThatAnswersThePingStays_B12() {
    RecordingSink sink = new RecordingSink("s1");
    Connection connection = connectionOn(sink);
    long heard = connection.lastHeardMillis();
    long answered = 0;
    for (int second = 1; second <= 120; second++) {
      connection.send("{\"type\":\"e\"}"); // a stream it only receives
      long now = heard + second * 1_000L;
      liveness.check(connection, now);
      long pings = sink.sentFrames().stream().filter(OutboundFrame::isPing).count();
      if (pings > answered) {
        connection.heard(now); // its pong
        answered = pings;
      }
    }
    assertNull(sink.closeCode, "answered every ping: alive");
    assertTrue(answered >= 4, "pinged every interval although busy: " + answered);
  }

  /** A sink whose sends complete only when the test says: a slow writer or a slow reader. */
  private static final class HandCompletedSink extends RecordingSink {
    final Queue<OutboundFrame> written = new ConcurrentLinkedQueue<>();
    private final Queue<Consumer<Throwable>> inFlight = new ConcurrentLinkedQueue<>();

    HandCompletedSink() {
      super("s1");
    }

    @Override
    public void send(List<OutboundFrame> sent, Consumer<Throwable> done) {
      written.addAll(sent);
      inFlight.add(done);
    }

    /** The oldest send in flight completes. */
    void completeNext() {
      inFlight.poll().accept(null);
    }
  }
}
