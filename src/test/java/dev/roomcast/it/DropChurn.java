package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RawWebSocket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that vanish (B12): each opens a socket by hand, asks for something, and drops the TCP
 * connection with a reset and no close frame, as a crashed client or a lost network does. Then
 * whatever the server kept for them must be gone within {@link #RELEASE_BOUND} (docs/protocol.md
 * section 8): connections, room members, presence, locks, presenters, public-room slots.
 */
final class DropChurn {

  /** How soon after the last drop nothing may be left (docs/protocol.md, section 8). */
  static final Duration RELEASE_BOUND = Duration.ofSeconds(10);

  private static final int THREADS = 4;

  private final URI base;
  private final RestClient rest;
  private final AtomicInteger endedEarly = new AtomicInteger();

  DropChurn(URI base) {
    this.base = base;
    this.rest = new RestClient(base.resolve("api/"));
  }

  RestClient rest() {
    return rest;
  }

  String createRoom(String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(201, rest.post("rooms", "{\"id\":\"" + id + "\"}").status());
    return id;
  }

  /**
   * {@code cycles} clients each join {@code room:<roomId>} and drop: half at once after sending the
   * join (often while the server still opens the connection or handles the join), half once the
   * join is acknowledged.
   */
  void joinThenDrop(String roomId, int cycles) throws Exception {
    run(
        cycles,
        i -> {
          RawWebSocket socket = RawWebSocket.connect(base, "ws");
          try {
            socket.sendText("{\"type\":\"join:room\",\"data\":{\"roomId\":\"" + roomId + "\"}}");
            if (i % 2 == 1) {
              socket.awaitText("\"ack:join\"", Duration.ofSeconds(10));
            }
          } catch (EOFException | SocketException e) {
            // Payara ended it first (see endedEarly()): a drop all the same
            endedEarly.incrementAndGet();
          }
          socket.drop();
        });
  }

  /**
   * {@code rooms.size()} clients each join their room, take its lock (TTL one hour) and its
   * presenter role, and drop: half at once, half once the server granted both.
   *
   * @return how many clients saw both granted before they dropped
   */
  int lockThenDrop(List<String> roomIds) throws Exception {
    AtomicInteger granted = new AtomicInteger();
    run(
        roomIds.size(),
        i -> {
          String room = "room:" + roomIds.get(i);
          RawWebSocket socket = RawWebSocket.connect(base, "ws");
          try {
            lockAndPresent(socket, room, i % 2 == 1, granted);
          } catch (EOFException | SocketException e) {
            // Payara ended it first (see endedEarly()): a drop all the same
            endedEarly.incrementAndGet();
          }
          socket.drop();
        });
    return granted.get();
  }

  private static void lockAndPresent(
      RawWebSocket socket, String room, boolean awaitGrants, AtomicInteger granted)
      throws IOException {
    socket.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
    socket.sendText(
        "{\"type\":\"lock:acquire\",\"room\":\""
            + room
            + "\",\"clientOpId\":\"lock\",\"data\":{\"msg\":\"m\",\"userName\":\"u\","
            + "\"ttlSeconds\":3600}}");
    socket.sendText(
        "{\"type\":\"presenter:take\",\"room\":\""
            + room
            + "\",\"clientOpId\":\"pres\",\"data\":{}}");
    if (awaitGrants
        && socket.awaitText("\"lock\"", Duration.ofSeconds(10)) != null
        && socket.awaitText("\"pres\"", Duration.ofSeconds(10)) != null) {
      granted.incrementAndGet();
    }
  }

  /**
   * Cycles the server ended before the client dropped them. Payara does that, rarely, to a client
   * whose first frame arrives while it still switches the connection to WebSocket: it reads the
   * frame as an HTTP request and answers 400.
   */
  int endedEarly() {
    return endedEarly.get();
  }

  /**
   * {@code cycles} clients each open {@code /public-room/<roomId>}, which counts against their
   * address (F4.2), and drop right after the greeting or at once.
   */
  void publicThenDrop(String roomId, int cycles) throws Exception {
    run(
        cycles,
        i -> {
          RawWebSocket socket = RawWebSocket.connect(base, "public-room/" + roomId);
          try {
            if (i % 2 == 1) {
              socket.awaitText("connection_status", Duration.ofSeconds(10));
            }
          } catch (EOFException | SocketException e) {
            // refused with 4029 while other cycles held the address's slots: nothing to drop
          }
          socket.drop();
        });
  }

  private void run(int cycles, Cycle cycle) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> running = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < THREADS; t++) {
        running.add(
            threads.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < cycles; i = next.getAndIncrement()) {
                    cycle.run(i);
                  }
                  return null;
                }));
      }
      for (Future<?> thread : running) {
        thread.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface Cycle {
    void run(int index) throws Exception;
  }

  /**
   * Waits up to {@link #RELEASE_BOUND} until the node has {@code connections} connections and the
   * rooms have no member, presence, lock or presenter; fails with what is left otherwise.
   *
   * @return how long it took
   */
  Duration awaitNothingLeft(int connections, List<String> roomIds) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + RELEASE_BOUND.toNanos();
    String left;
    do {
      left = leftovers(connections, roomIds);
      if (left.isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("left after " + RELEASE_BOUND + ": " + left);
  }

  /**
   * What the node still keeps for gone clients: empty when nothing. Connections, members, locks and
   * presenters come from two requests; presence, one request per room, is asked only when those are
   * clear.
   */
  String leftovers(int connections, List<String> roomIds) {
    JsonObject stats = rest.get("stats").object();
    StringBuilder left = new StringBuilder();
    int open = stats.getInt("totalConnections");
    // fewer is fine: connections of earlier tests on a shared node may still be going
    if (open > connections) {
      left.append(open - connections).append(" ghost connections; ");
    }
    JsonObject members = stats.getJsonObject("rooms");
    int memberCount = 0;
    for (String id : roomIds) {
      if (members.containsKey("room:" + id)) {
        memberCount += members.getInt("room:" + id);
      }
    }
    if (memberCount > 0) {
      left.append(memberCount).append(" members; ");
    }
    Set<String> ours = new HashSet<>(roomIds);
    int lockedRooms = 0;
    int presentedRooms = 0;
    for (JsonValue listed : rest.get("rooms?includeHidden=true").body().asJsonArray()) {
      JsonObject room = listed.asJsonObject();
      if (ours.contains(room.getString("id"))) {
        lockedRooms += room.isNull("metadataLocked") ? 0 : 1;
        presentedRooms += room.isNull("presenterSid") ? 0 : 1;
      }
    }
    if (lockedRooms > 0) {
      left.append(lockedRooms).append(" rooms locked; ");
    }
    if (presentedRooms > 0) {
      left.append(presentedRooms).append(" rooms with a presenter; ");
    }
    if (left.length() == 0) {
      int presentCount = 0;
      for (String id : roomIds) {
        presentCount += rest.get("rooms/" + id + "/presence").object().getInt("occupancy");
      }
      if (presentCount > 0) {
        left.append(presentCount).append(" present; ");
      }
    }
    return left.toString();
  }

  /**
   * Opens {@code slots} public-room sockets from this address and checks each is admitted: a slot a
   * gone connection kept would refuse one with 4029.
   */
  void assertPublicSlotsFree(String roomId, int slots) throws Exception {
    List<RawWebSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < slots; i++) {
        RawWebSocket socket = RawWebSocket.connect(base, "public-room/" + roomId);
        open.add(socket);
        RawWebSocket.Frame first = socket.read(Duration.ofSeconds(10));
        assertTrue(first != null && !first.isClose(), "public socket " + i + " was admitted");
        JsonObject greeting = Json.createReader(new StringReader(first.text())).readObject();
        assertEquals(
            "connection_status",
            greeting.getString("type"),
            "public socket " + i + " was admitted, not refused: " + greeting);
      }
    } finally {
      for (RawWebSocket socket : open) {
        socket.sendFrame(RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xe8}, true);
        socket.drop();
      }
    }
  }
}
