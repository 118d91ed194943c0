package dev.roomcast.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RecordingSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A connection is released exactly once, and only after the work running on it (B12). */
class ConnectionEndTest {

  private static Connection connection() {
    return new Connection("s", new Outbox(new RecordingSink("s"), 10));
  }

  @Test
  void aSocketThatGoesDuringTheOpeningIsReleasedWhenTheOpeningEnds_B12() {
    Connection connection = connection();
    assertFalse(connection.end(), "the opening is still running");
    assertTrue(connection.leave(), "the opening's end releases it");
    assertFalse(connection.end(), "never twice");
  }

  @Test
  void aSocketThatGoesDuringARequestIsReleasedWhenTheRequestEnds_B12() {
    Connection connection = connection();
    assertFalse(connection.leave(), "opened");
    assertTrue(connection.enter());
    assertFalse(connection.end(), "a request is running");
    assertTrue(connection.leave(), "released by the request's end");
    assertFalse(connection.enter(), "a later request is skipped");
    assertFalse(connection.leave(), "and releases nothing more");
  }

  @Test
  void anIdleConnectionIsReleasedAtOnce_B12() {
    Connection connection = connection();
    connection.leave();
    assertTrue(connection.end());
    assertFalse(connection.end());
  }

  @Test
  void requestsRacingTheEndReleaseExactlyOnce_B12() throws Exception {
    for (int round = 0; round < 200; round++) {
      Connection connection = connection();
      connection.leave();
      AtomicInteger releases = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        threads.add(
            new Thread(
                () -> {
                  await(start);
                  for (int i = 0; i < 1000; i++) {
                    connection.enter();
                    if (connection.leave()) {
                      releases.incrementAndGet();
                    }
                  }
                }));
      }
      threads.add(
          new Thread(
              () -> {
                await(start);
                if (connection.end()) {
                  releases.incrementAndGet();
                }
              }));
      threads.forEach(Thread::start);
      start.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(1, releases.get(), "released exactly once in round " + round);
    }
  }

  @Test
  void aFailedSendStopsTheOutboxAndIsReportedOnce_B12() {
    AtomicInteger sends = new AtomicInteger();
    FrameSink failing =
        new FrameSink() {
          @Override
          public String id() {
            return "dead";
          }

          @Override
          public void send(
              List<OutboundFrame> frames, java.util.function.Consumer<Throwable> done) {
            sends.incrementAndGet();
            done.accept(new java.io.IOException("Connection reset by peer"));
          }

          @Override
          public void close(int code, String reason) {}
        };
    Traffic traffic = new Traffic();
    Outbox outbox = new Outbox(failing, 100, traffic);
    AtomicInteger reports = new AtomicInteger();
    outbox.whenFailed(reports::incrementAndGet);
    assertTrue(outbox.offer("one"));
    for (int i = 0; i < 100; i++) {
      assertFalse(outbox.offer("more"), "a dead connection takes nothing more");
    }
    assertEquals(1, sends.get(), "one write met the dead socket, no more were tried");
    assertEquals(1, reports.get());
    assertEquals(1, traffic.sendFailures());
  }

  @Test
  void theIncidentLogKeepsOneLinePerCauseAndConnectionAndAMinutesBudget_B12() {
    IncidentLog incidents = new IncidentLog();
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("incident-test");
    List<String> lines = new ArrayList<>();
    log.setUseParentHandlers(false);
    log.addHandler(
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    Connection connection = connection();
    for (int i = 0; i < 100; i++) {
      incidents.report(log, java.util.logging.Level.INFO, connection, "cause", () -> "line");
    }
    assertEquals(1, lines.size(), "once per connection and cause");
    for (int i = 0; i < 1000; i++) {
      incidents.report(log, java.util.logging.Level.INFO, connection(), "cause", () -> "line");
    }
    assertEquals(IncidentLog.LINES_PER_MINUTE, lines.size(), "at most a minute's budget");
    assertEquals(1001 - IncidentLog.LINES_PER_MINUTE, incidents.suppressed());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
