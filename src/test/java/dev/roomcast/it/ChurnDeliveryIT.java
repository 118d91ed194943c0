package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RawWebSocket;
import dev.roomcast.support.RoomcastNode;
import dev.roomcast.support.SharedNodes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every member receives a room's events in {@code roomSeq} order, always (B12, F2.6): while other
 * members vanish (TCP reset, no close frame) and the server finds their sockets dead in the middle
 * of broadcasts, and while members themselves drop and resume under load, nothing is lost,
 * duplicated or reordered. On the shared fast-path node ({@link SharedNodes}).
 */
class ChurnDeliveryIT {

  private static final Logger LOG = Logger.getLogger(ChurnDeliveryIT.class.getName());
  private static final Duration LONG = Duration.ofSeconds(60);
  // 30 s in the suite, as long as asked with -Droomcast.it.soak.seconds (the soak: 180)
  private static final Duration SOAK =
      Duration.ofSeconds(Long.getLong("roomcast.it.soak.seconds", 30));
  private static RoomcastNode node;

  @BeforeAll
  static void node() {
    node = SharedNodes.fast();
  }

  private static URI base() {
    return node.base();
  }

  private static RestClient rest() {
    return new RestClient(base().resolve("api/"));
  }

  private static String createRoom(String prefix) {
    return new DropChurn(base()).createRoom(prefix);
  }

  @Test
  void membersSeeEveryEventInOrderWhileOthersVanish_B12() throws Exception {
    String id = createRoom("churn");
    String room = "room:" + id;
    List<WsClient> members = new ArrayList<>();
    List<List<Long>> received = new ArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try {
      for (int i = 0; i < 10; i++) {
        WsClient member = WsClient.connect(base());
        member.send("join", room, null, null);
        member.await("ack:join");
        members.add(member);
        received.add(new ArrayList<>());
      }
      Thread publisher = publishUntilStopped(id, running, failures);
      Thread churn =
          background(
              () -> {
                DropChurn drops = new DropChurn(base());
                while (running.get()) {
                  drops.joinThenDrop(id, 40);
                }
              },
              failures);
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < end) {
        for (int i = 0; i < members.size(); i++) {
          for (JsonObject event : members.get(i).drain(Duration.ofMillis(20))) {
            if (room.equals(event.getString("room", null))) {
              received.get(i).add(event.getJsonNumber("roomSeq").longValue());
            }
          }
        }
      }
      running.set(false);
      publisher.join();
      churn.join();
      assertTrue(failures.isEmpty(), "publisher and churn ran: " + failures);
      // the last announcements of the churn settle, then every member must have reached the end
      long last = settledRoomSeq(id);
      int events = 0;
      int inversions = 0;
      int gaps = 0;
      for (int i = 0; i < members.size(); i++) {
        List<Long> seqs = received.get(i);
        while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < last) {
          JsonObject event = members.get(i).next(LONG);
          assertTrue(
              event != null,
              "member "
                  + i
                  + " stalled after "
                  + seqs.size()
                  + " events at roomSeq "
                  + (seqs.isEmpty() ? "none" : seqs.get(seqs.size() - 1))
                  + " of "
                  + last
                  + ", connection "
                  + members.get(i).state());
          if (room.equals(event.getString("room", null))) {
            seqs.add(event.getJsonNumber("roomSeq").longValue());
          }
        }
        for (int k = 1; k < seqs.size(); k++) {
          if (seqs.get(k) <= seqs.get(k - 1)) {
            inversions++;
          } else if (seqs.get(k) != seqs.get(k - 1) + 1) {
            gaps++;
          }
        }
        events += seqs.size();
      }
      LOG.info(
          "churn: "
              + events
              + " events delivered to "
              + members.size()
              + " members, "
              + inversions
              + " out of order, "
              + gaps
              + " gaps");
      assertEquals(0, inversions, "events out of roomSeq order");
      assertEquals(0, gaps, "events missing");
      assertTrue(events > members.size() * 500, "the members received a busy stream: " + events);
    } finally {
      running.set(false);
      for (WsClient member : members) {
        member.close();
      }
    }
  }

  @Test
  void soakDropAndResumeLosesNothing_B12() throws Exception {
    String id = createRoom("soak");
    String room = "room:" + id;
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<ResumingMember> members = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ResumingMember member = new ResumingMember(base(), room);
      members.add(member);
    }
    Thread publisher = publishUntilStopped(id, running, failures);
    for (ResumingMember member : members) {
      threads.add(
          background(
              () -> {
                while (running.get()) {
                  member.session(
                      Duration.ofMillis(200 + ThreadLocalRandom.current().nextInt(1500)), true);
                }
              },
              failures));
    }
    Thread.sleep(SOAK.toMillis());
    running.set(false);
    publisher.join();
    for (Thread thread : threads) {
      thread.join();
    }
    assertTrue(failures.isEmpty(), "publisher and members ran: " + failures);
    // one last resume each, staying connected, until all of them have everything
    List<RawWebSocket> last = new ArrayList<>();
    try {
      for (ResumingMember member : members) {
        last.add(member.resume());
      }
      long end = settledRoomSeq(id);
      for (int i = 0; i < members.size(); i++) {
        members.get(i).readUntil(last.get(i), end);
      }
    } finally {
      for (RawWebSocket socket : last) {
        socket.drop();
      }
    }
    long events = 0;
    long sessions = 0;
    long lost = 0;
    long duplicated = 0;
    long inversions = 0;
    for (ResumingMember member : members) {
      events += member.events;
      sessions += member.sessions;
      lost += member.lost();
      duplicated += member.duplicates;
      inversions += member.inversions;
    }
    LOG.info(
        "soak: "
            + events
            + " events delivered in "
            + sessions
            + " sessions of "
            + members.size()
            + " members dropping and resuming; lost "
            + lost
            + ", duplicated "
            + duplicated
            + ", out of order "
            + inversions);
    assertEquals(0, lost, "events lost");
    assertEquals(0, duplicated, "events duplicated");
    assertEquals(0, inversions, "events out of order");
    assertTrue(sessions > members.size() * 10, "members dropped and resumed: " + sessions);
  }

  /** The room's roomSeq once it stopped moving (presence announcements of gone clients done). */
  private long settledRoomSeq(String id) throws InterruptedException {
    long previous = -1;
    for (int i = 0; i < 100; i++) {
      long now = rest().get("rooms/" + id + "/state").object().getJsonNumber("roomSeq").longValue();
      if (now == previous) {
        return now;
      }
      previous = now;
      Thread.sleep(500);
    }
    throw new AssertionError("room " + id + " never settled");
  }

  /** Publishes frame_update events over REST at about 100 a second until told to stop. */
  private Thread publishUntilStopped(
      String id, AtomicBoolean running, ConcurrentLinkedQueue<Throwable> failures) {
    RestClient publisher = rest();
    return background(
        () -> {
          for (int i = 0; running.get(); i++) {
            RestClient.Reply reply =
                publisher.post(
                    "rooms/" + id + "/events",
                    "{\"type\":\"frame_update\",\"data\":{\"i\":" + i + "}}");
            if (reply.status() != 202) {
              throw new IllegalStateException("publishing failed: " + reply);
            }
            Thread.sleep(10);
          }
        },
        failures);
  }

  private static Thread background(Task task, ConcurrentLinkedQueue<Throwable> failures) {
    Thread thread =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (Throwable e) {
                failures.add(e);
              }
            });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @FunctionalInterface
  private interface Task {
    void run() throws Exception;
  }

  /**
   * A member that joins, reads a while, drops its TCP connection (reset, no close frame) and
   * resumes from the last event it saw, again and again; it checks every event of the room as it
   * arrives.
   */
  private static final class ResumingMember {

    private final URI base;
    private final String room;
    // roomSeqs seen, relative to the first one
    private final BitSet seen = new BitSet();
    private long first = -1;
    private long last = -1;
    private String epoch;
    long events;
    long sessions;
    long duplicates;
    long inversions;

    ResumingMember(URI base, String room) {
      this.base = base;
      this.room = room;
    }

    /** One session: (re)join, read for {@code length}, then drop or stay. */
    void session(Duration length, boolean drop) throws IOException {
      RawWebSocket socket = resume();
      try {
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
          RawWebSocket.Frame frame = socket.read(Duration.ofMillis(50));
          if (frame != null) {
            accept(frame);
          }
        }
      } catch (EOFException | SocketException e) {
        throw new IllegalStateException("the server ended a member's connection", e);
      } finally {
        if (drop) {
          socket.drop();
        }
      }
    }

    /** Connects and joins, resuming from the last event seen, and reads up to the ack. */
    RawWebSocket resume() throws IOException {
      RawWebSocket socket = RawWebSocket.connect(base, "ws");
      sessions++;
      String since =
          last < 0
              ? ""
              : ",\"data\":{\"since\":{\"roomSeq\":" + last + ",\"epoch\":\"" + epoch + "\"}}";
      socket.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"" + since + "}");
      while (true) {
        RawWebSocket.Frame frame = socket.read(LONG);
        if (frame == null) {
          throw new IllegalStateException("no ack:join");
        }
        JsonObject message = parse(frame);
        if ("ack:join".equals(message.getString("type"))) {
          JsonObject ack = message.getJsonObject("data");
          if (!ack.getBoolean("success")) {
            throw new IllegalStateException("join refused: " + ack);
          }
          if (last >= 0 && !ack.getBoolean("resumed", false)) {
            throw new IllegalStateException("could not resume from " + last + ": " + ack);
          }
          if (last < 0) {
            first = ack.getJsonNumber("roomSeq").longValue() + 1;
            last = first - 1;
            epoch = ack.getString("epoch");
          }
          return socket;
        }
        accept(frame);
      }
    }

    void readUntil(RawWebSocket socket, long end) throws IOException {
      while (last < end) {
        RawWebSocket.Frame frame = socket.read(LONG);
        if (frame == null) {
          throw new IllegalStateException("stalled at " + last + " of " + end);
        }
        accept(frame);
      }
    }

    private void accept(RawWebSocket.Frame frame) {
      if (frame.opcode() != RawWebSocket.TEXT) {
        return;
      }
      JsonObject message = parse(frame);
      if (!room.equals(message.getString("room", null)) || first < 0) {
        return;
      }
      long seq = message.getJsonNumber("roomSeq").longValue();
      events++;
      int at = (int) (seq - first);
      if (at < 0 || seen.get(at)) {
        duplicates++;
        return;
      }
      seen.set(at);
      if (seq < last) {
        inversions++;
      } else {
        last = seq;
      }
    }

    /** roomSeqs between the first and the last seen that never arrived. */
    long lost() {
      return (last - first + 1) - seen.cardinality();
    }

    private static JsonObject parse(RawWebSocket.Frame frame) {
      return Json.createReader(new StringReader(frame.text())).readObject();
    }
  }
}
