package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RoomcastNode;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Delivery a client can trust: snapshots with the sequence they reflect (F2.3, F2.7, F3.4), replay
 * after a drop (F2.6) and coalescing (F1.4), over real sockets.
 */
class DeliveryIT extends RoomcastIT {

  private static final Set<String> PRESENCE = Set.of("user-joined", "user-left");

  private static final Duration LONG = Duration.ofSeconds(60);

  private final List<RuntimeException> failures =
      java.util.Collections.synchronizedList(new ArrayList<>());

  @Test
  void broadcastsReachMembersInOrderOnTheContainersWritePath_B2() throws Exception {
    String id = createRoom("fastpath");
    JsonObject before = rest().get("stats").object().getJsonObject("writePaths");
    List<WsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        WsClient client = connect();
        client.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
        client.await("ack:join");
        clients.add(client);
      }
      // 300 events of ~2 KB from REST, so frames queue up and leave in gathered writes
      String padding = "\u00fc".repeat(1_000);
      postNumberedEvents(id, 300, padding);
      for (WsClient client : clients) {
        for (int i = 0; i < 300; i++) {
          JsonObject event = client.await("frame_update");
          assertEquals(i, event.getJsonObject("data").getInt("i"), "in order, none missing");
          assertEquals(padding, event.getJsonObject("data").getString("pad"), "UTF-8 intact");
        }
      }
    } finally {
      for (WsClient client : clients) {
        client.close();
      }
    }
    JsonObject after = rest().get("stats").object().getJsonObject("writePaths");
    // Payara: straight into Grizzly's write queue; WildFly: the portable sendText (B8)
    String expected = RoomcastNode.onWildFly() ? "portable" : "grizzlyQueue";
    for (String path : List.of("portable", "tyrusWriter", "grizzlyQueue")) {
      long added = after.getJsonNumber(path).longValue() - before.getJsonNumber(path).longValue();
      if (path.equals(expected)) {
        assertTrue(added >= 3, "the three connections wrote via " + path + ": " + after);
      } else {
        assertEquals(0, added, "no connection wrote via " + path + ": " + before + " -> " + after);
      }
    }
  }

  @Test
  void dropMidStreamThenResumeOnJoinGetsEveryEventOnceInOrder_F2_6() throws Exception {
    List<String> rooms = List.of(createRoom("resume"), createRoom("resume"), createRoom("resume"));
    int perRoom = 1000;
    Map<String, Long> last = new HashMap<>();
    Map<String, String> epochs = new HashMap<>();
    try (WsClient first = connect()) {
      for (String id : rooms) {
        JsonObject ack = join(first, "room:" + id, null).getJsonObject("data");
        epochs.put("room:" + id, ack.getString("epoch"));
        // the joiner's own user-joined follows its ack as the room's next event
        JsonObject self =
            first.await("user-joined", m -> ("room:" + id).equals(m.getString("room")), LONG);
        assertEquals(
            ack.getJsonNumber("roomSeq").longValue() + 1,
            self.getJsonNumber("roomSeq").longValue());
        last.put("room:" + id, self.getJsonNumber("roomSeq").longValue());
      }
      Thread sender = publishInBackground(rooms, perRoom);
      // read a third of the stream, then drop the connection mid-stream
      int read = 0;
      while (read < perRoom) {
        JsonObject event = first.next(LONG);
        assertNotNull(event, "stream stalled after " + read + " events");
        if (accept(event, last)) {
          read++;
        }
      }
      first.close();
      try (WsClient second = connect()) {
        // joins go out together: replays of one room arrive while the next join is answered
        for (String id : rooms) {
          String room = "room:" + id;
          second.send(
              "join", room, null, "{\"since\":" + since(last.get(room), epochs.get(room)) + "}");
        }
        sender.join(2 * LONG.toMillis());
        assertFalse(sender.isAlive(), "publisher finished");
        assertTrue(failures.isEmpty(), "publishing: " + failures);
        Map<String, Long> finals = new HashMap<>();
        for (String id : rooms) {
          finals.put("room:" + id, state(id).getJsonNumber("roomSeq").longValue());
        }
        long total = read;
        int acks = 0;
        while (!last.equals(finals) || acks < rooms.size()) {
          JsonObject event = second.next(LONG);
          assertNotNull(event, "resumed stream stalled at " + last + ", want " + finals);
          if ("ack:join".equals(event.getString("type"))) {
            assertTrue(event.getJsonObject("data").getBoolean("resumed"), "resumed " + event);
            acks++;
          } else if (accept(event, last)) {
            total++;
          }
        }
        assertEquals(3L * perRoom, total, "every event exactly once");
      }
    }
  }

  @Test
  void handshakeResumeRejoinsRoomsAndReplaysMissed_F2_6() throws Exception {
    String id = createRoom("handshake");
    String room = "room:" + id;
    long seq;
    String epoch;
    try (WsClient client = connect()) {
      JsonObject ack = join(client, room, null).getJsonObject("data");
      seq = ack.getJsonNumber("roomSeq").longValue();
      epoch = ack.getString("epoch");
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(
          202,
          rest()
              .post(
                  "rooms/" + id + "/events",
                  "{\"type\":\"frame_update\",\"data\":{\"i\":" + i + "}}")
              .status());
    }
    String resume = "{\"" + room + "\":" + since(seq, epoch) + "}";
    try (WsClient client =
        WsClient.connect(
            base(), "ws?resume=" + URLEncoder.encode(resume, StandardCharsets.UTF_8))) {
      JsonObject ack = client.await("ack:join").getJsonObject("data");
      assertTrue(ack.getBoolean("resumed"), ack.toString());
      Map<String, Long> last = new HashMap<>(Map.of(room, seq));
      for (int i = 0; i < 20; i++) {
        assertEquals(i, nextRoomEvent(client, last).getJsonObject("data").getInt("i"));
      }
      JsonObject complete = client.await("sync:complete").getJsonObject("data");
      long reached = complete.getJsonObject("rooms").getJsonObject(room).getInt("roomSeq");
      assertEquals(last.get(room), reached, "complete names the last replayed event");
      // and the connection is a member: live events follow (after its own user-joined)
      rest().post("rooms/" + id + "/frames", "{\"count\":3}");
      JsonObject live = client.await("room:update");
      assertEquals(reached + 2, live.getJsonNumber("roomSeq").longValue());
    }
  }

  @Test
  void tooOldOrStaleEpochResumeGetsSyncErrorAndFreshSnapshot_F2_6() throws Exception {
    String id = createRoom("old");
    String room = "room:" + id;
    try (WsClient client = connect()) {
      JsonObject ack = state(id);
      String epoch = ack.getString("epoch");
      // more than the history keeps (2500 in arquillian.xml)
      publishInBackground(List.of(id), 2600).join(2 * LONG.toMillis());
      long latest = awaitSeqAtLeast(id, ack.getJsonNumber("roomSeq").longValue() + 2600);

      client.send("join", room, null, "{\"since\":" + since(1, epoch) + "}");
      JsonObject error = client.await("sync:error").getJsonObject("data");
      assertEquals("FULL_REFRESH_REQUIRED", error.getString("code"));
      assertEquals("full refresh required", error.getString("message"));
      assertEquals(room, error.getString("room"));
      JsonObject refreshed = client.await("ack:join").getJsonObject("data");
      assertFalse(refreshed.getBoolean("resumed"));
      assertEquals(latest, refreshed.getJsonNumber("roomSeq").longValue());
      assertEquals(id, refreshed.getJsonObject("snapshot").getString("id"));

      client.send(
          "sync:request",
          null,
          null,
          "{\"rooms\":{\"" + room + "\":" + since(latest, "other") + "}}");
      assertEquals(
          "FULL_REFRESH_REQUIRED",
          client.await("sync:error").getJsonObject("data").getString("code"));
      client.await("sync:complete");
    }
  }

  @Test
  void syncRequestReplaysMissedThenCompletes_F2_6() throws Exception {
    String id = createRoom("sync");
    String room = "room:" + id;
    try (WsClient client = connect()) {
      JsonObject ack = join(client, room, null).getJsonObject("data");
      // the joiner's own user-joined (F4.4) is the room's next event
      long from = client.await("user-joined").getJsonNumber("roomSeq").longValue();
      assertEquals(ack.getJsonNumber("roomSeq").longValue() + 1, from);
      for (int i = 0; i < 5; i++) {
        rest()
            .post(
                "rooms/" + id + "/events",
                "{\"type\":\"frame_update\",\"data\":{\"i\":" + i + "}}");
      }
      client.await("frame_update", m -> m.getJsonObject("data").getInt("i") == 4, LONG);
      client.send(
          "sync:request",
          null,
          null,
          "{\"rooms\":{\"" + room + "\":" + since(from + 2, ack.getString("epoch")) + "}}");
      Map<String, Long> last = new HashMap<>(Map.of(room, from + 2));
      for (int i = 2; i < 5; i++) {
        JsonObject event = client.next(LONG);
        assertTrue(accept(event, last), "replayed " + event);
        assertEquals(i, event.getJsonObject("data").getInt("i"));
      }
      JsonObject complete = client.next(LONG);
      assertEquals("sync:complete", complete.getString("type"));
      assertEquals(
          from + 5,
          complete
              .getJsonObject("data")
              .getJsonObject("rooms")
              .getJsonObject(room)
              .getInt("roomSeq"));
    }
  }

  @Test
  void joinAnswerCarriesSnapshotAndSequenceThatRestAgreesWith_F2_3_F2_7_F3_4() throws Exception {
    String id = createRoom("snap");
    rest().post("rooms/" + id + "/frames", "{\"count\":7}");
    HttpResponse<String> get = rest().getRaw("rooms/" + id);
    long restSeq = Long.parseLong(get.headers().firstValue("X-Roomcast-Seq").orElseThrow());
    String restEpoch = get.headers().firstValue("X-Roomcast-Epoch").orElseThrow();
    try (WsClient client = connect()) {
      JsonObject ack = join(client, "room:" + id, null).getJsonObject("data");
      assertEquals(restSeq, ack.getJsonNumber("roomSeq").longValue());
      assertEquals(restEpoch, ack.getString("epoch"));
      assertEquals(7, ack.getJsonObject("snapshot").getInt("frameCount"));
      assertEquals(restSeq + 1, client.await("user-joined").getJsonNumber("roomSeq").longValue());
      rest().post("rooms/" + id + "/frames", "{\"count\":1}");
      JsonObject update = client.await("room:update");
      assertEquals(restSeq + 2, update.getJsonNumber("roomSeq").longValue());
      assertTrue(update.getJsonNumber("timestamp").longValue() > 0, "diffs carry their time");

      client.send("client:request_current_state", "room:" + id, "cs-1", null);
      JsonObject current = client.await("ack:op").getJsonObject("data").getJsonObject("data");
      assertEquals(restSeq + 2, current.getJsonNumber("roomSeq").longValue());
      assertEquals(8, current.getJsonObject("snapshot").getInt("frameCount"));
      assertEquals(
          update.getJsonNumber("timestamp").longValue(),
          current.getJsonNumber("lastBroadcastTimestamp").longValue());

      JsonObject state = state(id);
      assertEquals(restSeq + 2, state.getJsonNumber("roomSeq").longValue());
      assertEquals(restEpoch, state.getString("epoch"));

      try (WsClient overview = connect()) {
        HttpResponse<String> list = rest().getRaw("rooms");
        JsonObject overviewAck = join(overview, "overview:public", null).getJsonObject("data");
        assertEquals(
            list.headers().firstValue("X-Roomcast-Seq").orElseThrow(),
            String.valueOf(overviewAck.getJsonNumber("roomSeq").longValue()),
            "the list reflects the overview's sequence");
        assertTrue(
            overviewAck.getJsonObject("snapshot").getJsonArray("rooms").stream()
                .anyMatch(r -> id.equals(r.asJsonObject().getString("id"))),
            "overview snapshot lists the room");
      }
    }
  }

  @Test
  void coalescedEventsDeliverTheFinalValueInOrder_F1_4() throws Exception {
    String id = createRoom("coalesce");
    String room = "room:" + id;
    try (WsClient sender = connect();
        WsClient receiver = connect()) {
      join(sender, room, null);
      join(receiver, room, null);
      int count = 60;
      for (int i = 0; i < count; i++) {
        sender.send("frame_selection:update", room, null, "{\"i\":" + i + "}");
      }
      List<Integer> received = new ArrayList<>();
      while (received.isEmpty() || received.get(received.size() - 1) != count - 1) {
        JsonObject event =
            receiver.await("frame_selection:update", m -> true, Duration.ofSeconds(30));
        received.add(event.getJsonObject("data").getInt("i"));
      }
      assertTrue(received.size() < count, "coalesced to fewer events: " + received);
      for (int i = 1; i < received.size(); i++) {
        assertTrue(received.get(i) > received.get(i - 1), "never reordered: " + received);
      }
      assertEquals(count - 1, received.get(received.size() - 1), "the final value arrives");
    }
  }

  /**
   * Checks one event against the client's last roomSeq per room; true if it was a published room
   * event. Presence announcements ({@code user-joined}/{@code user-left}, F4.4) are numbered in the
   * same stream, so they are checked too, but not counted.
   */
  private static boolean accept(JsonObject event, Map<String, Long> last) {
    String room = event.getString("room", null);
    if (room == null || !last.containsKey(room)) {
      return false;
    }
    long seq = event.getJsonNumber("roomSeq").longValue();
    assertEquals(last.get(room) + 1, seq, "next in " + room + ": " + event);
    last.put(room, seq);
    return !PRESENCE.contains(event.getString("type"));
  }

  /** The next published room event, checking (and skipping) presence announcements on the way. */
  private static JsonObject nextRoomEvent(WsClient client, Map<String, Long> last)
      throws InterruptedException {
    while (true) {
      JsonObject event = client.next(LONG);
      assertNotNull(event, "stream stalled at " + last);
      if (accept(event, last)) {
        return event;
      }
      assertTrue(PRESENCE.contains(event.getString("type")), "a replayed room event, got " + event);
    }
  }

  private static JsonObject join(WsClient client, String room, String since) throws Exception {
    client.send("join", room, null, since == null ? null : "{\"since\":" + since + "}");
    return client.await(
        "ack:join", m -> room.equals(m.getJsonObject("data").getString("room")), LONG);
  }

  private static String since(long roomSeq, String epoch) {
    return "{\"roomSeq\":" + roomSeq + ",\"epoch\":\"" + epoch + "\"}";
  }

  private JsonObject state(String id) {
    RestClient.Reply reply = rest().get("rooms/" + id + "/state");
    assertEquals(200, reply.status());
    return reply.object();
  }

  private long awaitSeqAtLeast(String id, long seq) throws InterruptedException {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (System.nanoTime() < deadline) {
      long now = state(id).getJsonNumber("roomSeq").longValue();
      if (now >= seq) {
        return now;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("room " + id + " never reached roomSeq " + seq);
  }

  /**
   * Publishes {@code perRoom} frame_update events into each room over REST, round robin, from its
   * own thread (the backend's path, so no test socket has to absorb its own echo).
   */
  private Thread publishInBackground(List<String> rooms, int perRoom) {
    RestClient publisher = rest();
    Thread thread =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < perRoom; i++) {
                  for (String id : rooms) {
                    RestClient.Reply reply =
                        publisher.post(
                            "rooms/" + id + "/events",
                            "{\"type\":\"frame_update\",\"data\":{\"i\":" + i + "}}");
                    if (reply.status() != 202) {
                      throw new IllegalStateException("publishing failed: " + reply);
                    }
                  }
                }
              } catch (RuntimeException e) {
                failures.add(e);
              }
            },
            "publisher");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
