package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.roomcast.support.RawWebSocket;
import dev.roomcast.support.RoomcastNode;
import dev.roomcast.support.SharedNodes;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every connection ends (B12): a client that drops its TCP connection (a reset, no close frame)
 * right after a request, or while the server still opens its connection, leaves nothing behind
 * within {@link DropChurn#RELEASE_BOUND}: no connection, room member, presence, lock, presenter or
 * public-room slot. On both write paths: the fast path and the portable {@code sendText} path (a
 * session idle timeout turns the fast path off). Both nodes ({@link SharedNodes}) keep the default
 * idle check (a ping after 5 idle minutes), so only the close handling itself can pass the test.
 */
class ConnectionEndIT {

  private static final Logger LOG = Logger.getLogger(ConnectionEndIT.class.getName());
  private static final int JOIN_DROPS = 1000;
  private static final int LOCK_DROPS = 100;
  private static final int PUBLIC_DROPS = 100;
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeAll
  static void startNodes() {
    SharedNodes.startBoth();
  }

  @Test
  void droppedClientsLeaveNothingBehindOnTheFastPath_B12() throws Exception {
    assumeFalse(
        RoomcastNode.onWildFly(), "WildFly has the portable path only, tested on its own below");
    DropChurn churn = new DropChurn(SharedNodes.fast().base());
    dropAndCheck(churn, "fast path");
    JsonObject paths = churn.rest().get("stats").object().getJsonObject("writePaths");
    assertEquals(0, paths.getInt("portable"), "no connection wrote through sendText: " + paths);
  }

  @Test
  void droppedClientsLeaveNothingBehindOnThePortablePath_B12() throws Exception {
    DropChurn churn = new DropChurn(SharedNodes.portable().base());
    dropAndCheck(churn, "portable path");
    JsonObject paths = churn.rest().get("stats").object().getJsonObject("writePaths");
    assertEquals(0, paths.getInt("grizzlyQueue"), "every connection used sendText: " + paths);
  }

  @Test
  void aPeerThatSendsNothingIsClosedAsLostAndReleased_B12() throws Exception {
    DropChurn churn = new DropChurn(SharedNodes.fast().base());
    long lostBefore = churn.rest().get("stats").object().getJsonNumber("peersLost").longValue();
    String room = churn.createRoom("silent");
    long start = System.nanoTime();
    try (RawWebSocket silent = RawWebSocket.connect(SharedNodes.fast().base(), "ws")) {
      silent.sendText("{\"type\":\"join\",\"room\":\"room:" + room + "\"}");
      silent.sendText(
          "{\"type\":\"lock:acquire\",\"room\":\"room:"
              + room
              + "\",\"clientOpId\":\"lock\",\"data\":{\"msg\":\"m\",\"ttlSeconds\":3600}}");
      assertTrue(silent.awaitText("\"lock\"", WAIT) != null, "the lock was granted");
      // from here on it reads nothing and answers no ping: a peer that vanished without a FIN
      churn.awaitNothingLeft(Integer.MAX_VALUE, List.of(room));
      Duration released = Duration.ofNanos(System.nanoTime() - start);
      RawWebSocket.Frame frame = silent.read(WAIT);
      while (frame != null && !frame.isClose()) {
        frame = silent.read(WAIT);
      }
      assertTrue(frame != null, "a close frame follows the pings");
      assertEquals(4010, frame.closeCode());
      assertEquals("No pong", frame.reason(), "closed as a lost peer, not by F4.3's ping");
      long lost = churn.rest().get("stats").object().getJsonNumber("peersLost").longValue();
      // at least: on the node the classes share, another class's vanished clients may be found
      // lost in the same seconds
      assertTrue(lost >= lostBefore + 1, "counted as a lost peer: " + lostBefore + " -> " + lost);
      assertTrue(released.compareTo(Duration.ofSeconds(5)) > 0, "not before ping and pong time");
      LOG.info("a silent peer's lock was released " + released.toMillis() + " ms after it joined");
    }
  }

  private static void dropAndCheck(DropChurn churn, String path) throws Exception {
    long lostBefore = churn.rest().get("stats").object().getJsonNumber("peersLost").longValue();
    int connections = churn.rest().get("stats").object().getInt("totalConnections");
    String room = churn.createRoom("ghost");
    churn.joinThenDrop(room, JOIN_DROPS);
    Duration joins = churn.awaitNothingLeft(connections, List.of(room));

    List<String> locked = new ArrayList<>();
    for (int i = 0; i < LOCK_DROPS; i++) {
      locked.add(churn.createRoom("ghost-lock"));
    }
    int granted = churn.lockThenDrop(locked);
    assertTrue(granted >= LOCK_DROPS / 4, "locks and presenters were granted: " + granted);
    Duration locks = churn.awaitNothingLeft(connections, locked);

    String publicRoom = churn.createRoom("ghost-public");
    churn.publicThenDrop(publicRoom, PUBLIC_DROPS);
    Duration publics = churn.awaitNothingLeft(connections, List.of(publicRoom));
    churn.assertPublicSlotsFree(publicRoom, 2);
    // the transport ping is the backstop, not the way dropped sockets normally end
    long lost =
        churn.rest().get("stats").object().getJsonNumber("peersLost").longValue() - lostBefore;
    int drops = JOIN_DROPS + LOCK_DROPS + PUBLIC_DROPS;
    assertTrue(lost <= drops / 100, lost + " of " + drops + " drops were found only as lost peers");
    LOG.info(
        path
            + ": "
            + JOIN_DROPS
            + " join drops released "
            + joins.toMillis()
            + " ms after the last, "
            + LOCK_DROPS
            + " lock drops ("
            + granted
            + " granted) "
            + locks.toMillis()
            + " ms, "
            + PUBLIC_DROPS
            + " public drops "
            + publics.toMillis()
            + " ms; the server ended "
            + churn.endedEarly()
            + " of them first; "
            + lost
            + " found only by the transport ping");
  }
}
