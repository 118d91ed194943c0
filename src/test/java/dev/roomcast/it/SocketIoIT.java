package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RawWebSocket;
import dev.roomcast.support.TestCredentials;
import io.socket.client.Ack;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Socket.IO clients connect unchanged (B9): the unmodified Java client {@code
 * io.socket:socket.io-client} over {@code /socket.io/} (WebSocket transport), on the same
 * connections, rooms and authentication as {@code /ws}.
 */
class SocketIoIT extends RoomcastIT {

  @Test
  void socketIoClientConnectsWithAndWithoutToken_B9() throws Exception {
    String user = "sio-" + System.nanoTime();
    try (SioClient client = SioClient.connect(base(), Tokens.valid(user))) {
      JSONObject status = client.await("connection_status").data();
      assertEquals(user, status.getString("userId"));
      assertTrue(status.getBoolean("authenticated"));
      assertEquals(client.id(), status.getString("sid"), "CONNECT's sid is the connection's");
    }
    try (SioClient anonymous = SioClient.connect(base(), null)) {
      JSONObject status = anonymous.await("connection_status").data();
      assertFalse(status.getBoolean("authenticated"));
      assertTrue(status.getString("userId").startsWith("anon-"));
    }
  }

  @Test
  void refusedTokenGetsConnectErrorWithItsCode_B9() throws Exception {
    String forged =
        Tokens.sign(
            "mallory", "not-the-secret-not-the-secret-not-the", Instant.now().plusSeconds(3600));
    try (SioClient client = SioClient.attempt(base(), forged)) {
      JSONObject refusal = client.awaitRefusal();
      assertEquals("UNAUTHORIZED", refusal.getJSONObject("data").getString("code"));
      assertFalse(refusal.getString("message").isBlank());
    }
  }

  @Test
  void socketIoClientJoinsAndReceivesRoomUpdate_B9() throws Exception {
    String id = createRoom("sio");
    try (SioClient client = SioClient.connect(base(), null)) {
      Object[] ack = client.call("join:room", new JSONObject().put("roomId", id));
      assertTrue(((JSONObject) ack[0]).getBoolean("success"), "the join's ack");
      JSONObject joined = client.await("ack:join").data();
      assertEquals("room:" + id, joined.getString("room"));
      assertEquals(200, rest().patch("rooms/" + id, "{\"description\":\"Renamed\"}").status());
      SioClient.Event update = client.await("room:update");
      assertEquals(id, update.data().getString("roomId"));
      assertEquals("Renamed", update.data().getString("description"));
      assertEquals("room:" + id, update.meta().getString("room"));
      assertTrue(
          update.meta().getLong("roomSeq") > joined.getLong("roomSeq"),
          "numbered in the room's sequence, after the join's position");
    }
  }

  @Test
  void requestsAreAnsweredByAcksWhenAskedElseByEvents_B9() throws Exception {
    String id = createRoom("sio-ack");
    try (SioClient client = SioClient.connect(base(), null)) {
      client.call("join:room", new JSONObject().put("roomId", id));
      JSONObject taken =
          (JSONObject) client.call("lock:acquire", new JSONObject().put("room", "room:" + id))[0];
      assertTrue(taken.getBoolean("success"), taken.toString());
      assertEquals(id, taken.getJSONObject("data").getString("roomId"));
      JSONObject refused =
          (JSONObject)
              client.call("presenter:release", new JSONObject().put("room", "room:" + id))[0];
      assertFalse(refused.getBoolean("success"));
      assertEquals("NOT_PRESENTER", refused.getString("errorType"));
      // without an ack: the answers as events, as on /ws
      client.emit("lock:release", new JSONObject().put("room", "room:" + id));
      assertTrue(client.await("ack:op").data().getBoolean("success"));
      client.emit("no-such-type", new JSONObject());
      assertEquals("UNKNOWN_TYPE", client.await("err:op").data().getString("errorType"));
    }
  }

  @Test
  void wsAndSocketIoMembersSeeTheSameEventsInTheSameOrder_B9() throws Exception {
    String id = createRoom("sio-mix");
    try (WsClient ws = connect();
        SioClient sio = SioClient.connect(base(), null)) {
      ws.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
      ws.await("ack:join");
      sio.call("join:room", new JSONObject().put("roomId", id));
      int count = 20;
      postNumberedEvents(id, count, "x");
      List<String> viaWs = new ArrayList<>();
      List<String> viaSio = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        JsonObject event = ws.await("frame_update");
        viaWs.add(
            event.getJsonObject("data").getInt("i")
                + "@"
                + event.getJsonNumber("roomSeq").longValue()
                + "/"
                + event.getString("eventId"));
        SioClient.Event same = sio.await("frame_update");
        viaSio.add(
            same.data().getInt("i")
                + "@"
                + same.meta().getLong("roomSeq")
                + "/"
                + same.meta().getString("eventId"));
      }
      assertEquals(viaWs, viaSio);
      assertTrue(
          sio.drain(Duration.ofMillis(300)).stream()
              .noneMatch(e -> e.name().equals("frame_update")),
          "each event once");
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  private RawWebSocket rawSocketIo() throws Exception {
    RawWebSocket raw = RawWebSocket.connect(base(), "socket.io/?EIO=4&transport=websocket");
    String open = raw.awaitText("pingInterval", WAIT);
    assertTrue(open.startsWith("0{\"sid\":"), open);
    return raw;
  }

  @Test
  void malformedPacketsGetACodedErrorThenClose4002_B9() throws Exception {
    try (RawWebSocket raw = rawSocketIo()) {
      raw.sendText("42[\"client_ping\"]");
      String refusal = raw.awaitText("INVALID_PACKET", WAIT);
      assertTrue(refusal.startsWith("44{"), "before CONNECT: CONNECT_ERROR, " + refusal);
      assertEquals(4002, raw.awaitClose(WAIT).closeCode());
    }
    try (RawWebSocket raw = rawSocketIo()) {
      raw.sendText("40");
      assertTrue(raw.awaitText("40{\"sid\"", WAIT) != null);
      raw.sendText("42[\"client_ping\"");
      String error = raw.awaitText("INVALID_PACKET", WAIT);
      assertTrue(error.startsWith("42[\"error\""), error);
      assertEquals("41", raw.awaitText("41", WAIT));
      assertEquals(4002, raw.awaitClose(WAIT).closeCode());
    }
  }

  @Test
  void frameSizeAndRateLimitsApplyAsOnWs_B9() throws Exception {
    try (RawWebSocket raw = rawSocketIo()) {
      raw.sendText("40");
      raw.awaitText("40{\"sid\"", WAIT);
      raw.sendText("421[\"client_ping\",{\"pad\":\"" + "x".repeat(70_000) + "\"}]");
      String tooLarge = raw.awaitText("FRAME_TOO_LARGE", WAIT);
      // refused before it is read, so as on /ws without its clientOpId: an event, not the ack
      assertTrue(tooLarge.startsWith("42[\"err:op\""), tooLarge);
      // well over the burst (200 in the ITs) faster than the rate refills it
      for (int i = 0; i < 1_000; i++) {
        raw.sendText("42[\"client_ping\"]");
      }
      assertTrue(raw.awaitText("RATE_LIMITED", WAIT) != null, "over the rate");
      raw.sendText("3");
      Thread.sleep(1_100);
      raw.sendText("422[\"client_ping\"]");
      assertTrue(raw.awaitText("432[{\"success\":true", WAIT) != null, "the connection stays");
    }
  }

  /**
   * The unmodified npm {@code socket.io-client} 4.8 ({@code transports: ["websocket"]}) runs a
   * seed-style flow: a refused token, a token, a join with an ack, {@code room:update} after a REST
   * change, {@code client_ping}. Needs Node and npm ({@code .ci/run} installs them); the client is
   * installed from npm into target/socketio-node once.
   */
  @Test
  void nodeSocketIoClientJoinsAndReceivesRoomUpdate_B9() throws Exception {
    runNodeFlow("websocket");
  }

  /**
   * The same flow with the npm client's default options: {@code io(url)} starts with HTTP
   * long-polling and upgrades to WebSocket by itself.
   */
  @Test
  void nodeSocketIoClientWithDefaultTransportsPollsThenUpgrades_B9() throws Exception {
    runNodeFlow("default");
  }

  /**
   * Seed 004's client flow as its document shows it, with the npm client: the public room as the
   * namespace {@code /public-room/<roomId>}, {@code join-room}, {@code user-joined}, {@code
   * leave-room}, {@code user-left}, and no reconnect after leaving.
   */
  @Test
  void nodeSeed004ClientFlowRunsUnchanged_B9() throws Exception {
    Path dir = nodeClient();
    String output =
        run(
            dir,
            Duration.ofSeconds(60),
            "node",
            "seed004-flow.mjs",
            base().toString(),
            createRoom("seed4-node"));
    assertTrue(output.contains("OK seed 004"), output);
  }

  /** target/socketio-node with the npm client installed (once) and the scripts copied. */
  private static Path nodeClient() throws IOException, InterruptedException {
    Path dir = Path.of("target/socketio-node");
    Files.createDirectories(dir);
    for (String file : List.of("package.json", "sio-flow.mjs", "seed004-flow.mjs")) {
      Files.copy(
          Path.of("src/test/node", file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(dir.resolve("node_modules/socket.io-client"))) {
      run(dir, Duration.ofMinutes(3), "npm", "install", "--no-audit", "--no-fund");
    }
    return dir;
  }

  private void runNodeFlow(String mode) throws Exception {
    Path dir = nodeClient();
    String id = createRoom("sio-node");
    String output =
        run(
            dir,
            Duration.ofSeconds(60),
            "node",
            "sio-flow.mjs",
            base().toString(),
            id,
            Tokens.valid("node-" + System.nanoTime()),
            TestCredentials.API_KEY,
            mode);
    assertTrue(output.contains("OK "), output);
  }

  /** Runs a command in {@code dir}; its output, or an AssertionError if it failed or hung. */
  private static String run(Path dir, Duration timeout, String... command)
      throws IOException, InterruptedException {
    // into a file, not a pipe: a full pipe would stall the process until the timeout
    Path log = dir.resolve(command[0] + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (!finished) {
        throw new AssertionError(
            String.join(" ", command) + " did not finish in " + timeout + ":\n" + output);
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
      }
      return output;
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void socketIoLockLapsesAfterItsTtlAndPresenceFollowsJoinsAndCloses_B9() throws Exception {
    String id = createRoom("sio-lock");
    String room = "room:" + id;
    String first = "ua-" + System.nanoTime();
    String second = "ub-" + System.nanoTime();
    try (SioClient a = SioClient.connect(base(), Tokens.valid(first))) {
      a.call("join:room", new JSONObject().put("roomId", id));
      try (SioClient b = SioClient.connect(base(), Tokens.valid(second))) {
        b.call("join:room", new JSONObject().put("roomId", id));
        JSONObject joined =
            a.await("user-joined", e -> e.data().getString("userId").equals(second)).data();
        assertEquals(2, joined.getInt("currentOccupancy"));
        JSONObject taken =
            (JSONObject)
                a.call(
                        "lock:acquire",
                        new JSONObject()
                            .put("room", room)
                            .put("msg", "short")
                            .put("ttlSeconds", 1))[0];
        assertTrue(taken.getBoolean("success"), taken.toString());
        b.await("room:update", e -> !e.data().isNull("metadataLocked"));
        long start = System.nanoTime();
        b.await(
            "room:update",
            e -> e.data().has("metadataLocked") && e.data().isNull("metadataLocked"));
        assertTrue(
            (System.nanoTime() - start) / 1_000_000 >= 300, "lapsed after its TTL, not at once");
      }
      JSONObject left =
          a.await("user-left", e -> e.data().getString("userId").equals(second)).data();
      assertEquals(1, left.getInt("currentOccupancy"));
    }
  }

  @Test
  void socketIoClientResumesAfterADropWithNothingLost_B9() throws Exception {
    String id = createRoom("sio-resume");
    String room = "room:" + id;
    long lastSeq;
    String epoch;
    try (SioClient client = SioClient.connect(base(), null)) {
      client.call("join:room", new JSONObject().put("roomId", id));
      epoch = client.await("ack:join").data().getString("epoch");
      postNumberedEvents(id, 5, "a");
      SioClient.Event last = null;
      for (int i = 0; i < 5; i++) {
        last = client.await("frame_update");
      }
      lastSeq = last.meta().getLong("roomSeq");
    }
    // missed while away
    postNumberedEvents(id, 5, "b");
    String resume =
        new JSONObject()
            .put(room, new JSONObject().put("roomSeq", lastSeq).put("epoch", epoch))
            .toString();
    try (SioClient back = SioClient.connectWithAuth(base(), Map.of("resume", resume))) {
      JSONObject ack = back.await("ack:join").data();
      assertTrue(ack.getBoolean("resumed"), ack.toString());
      // everything the room numbered after lastSeq comes back, in order: the first client's own
      // user-left and the five events it missed
      List<String> replayed = new ArrayList<>();
      long expected = lastSeq + 1;
      for (SioClient.Event event = back.next(); !event.name().equals("sync:complete"); ) {
        if (event.args().length > 1 && event.meta().has("roomSeq")) {
          assertEquals(expected++, event.meta().getLong("roomSeq"), "no gap, no repeat");
          if (event.name().equals("frame_update")) {
            replayed.add(event.data().getString("pad") + event.data().getInt("i"));
          }
        }
        event = back.next();
      }
      assertEquals(List.of("b0", "b1", "b2", "b3", "b4"), replayed);
    }
  }

  /** Seed 000's client: overview and room joins, lock calls, presenter, room:update. */
  @Test
  void seed000ClientFlowRunsUnchanged_B9() throws Exception {
    String id = createRoom("seed0");
    try (SioClient client = SioClient.connect(base(), null)) {
      client.emit("join:overview");
      assertEquals("overview:public", client.await("ack:join").data().getString("room"));
      assertEquals(200, rest().patch("rooms/" + id, "{\"description\":\"Listed\"}").status());
      assertEquals(
          "Listed",
          client
              .await("room:update", e -> e.data().getString("roomId").equals(id))
              .data()
              .getString("description"));
      client.emit("join:room", new JSONObject().put("roomId", id));
      assertEquals("room:" + id, client.await("ack:join").data().getString("room"));
      JSONObject lock =
          (JSONObject)
              client.call("lock:acquire", new JSONObject().put("roomId", id).put("msg", "Busy"))[0];
      assertTrue(lock.getBoolean("success"), lock.toString());
      JSONObject locked = client.await("room:update", e -> e.data().has("metadataLocked")).data();
      assertEquals("Busy", locked.getJSONObject("metadataLocked").getString("msg"));
      client.call("presenter:take", new JSONObject().put("roomId", id));
      assertEquals(
          client.id(),
          client
              .await("room:update", e -> e.data().has("presenterSid"))
              .data()
              .getString("presenterSid"));
    }
  }

  /** Seed 001's client: rooms from the handshake query, and the legacy subscribe:job. */
  @Test
  void seed001ClientFlowRunsUnchanged_B9() throws Exception {
    String job = String.format("%016x%08x", System.nanoTime(), 1);
    String legacy = String.format("%016x%08x", System.nanoTime(), 2);
    try (SioClient client = SioClient.connect(base(), Map.of(), "jobId=" + job);
        SioClient invalid = SioClient.connect(base(), Map.of(), "jobId=invalid")) {
      assertEquals(
          "Invalid job ID format", invalid.await("room:error").data().getString("message"));
      publish("job:" + job, "{\"pct\":10}");
      SioClient.Event progress = client.await("job:progress");
      assertEquals(10, progress.data().getInt("pct"));
      assertEquals("job:" + job, progress.meta().getString("room"));
      client.emit("subscribe:job", legacy);
      assertEquals("job:" + legacy, client.await("ack:join").data().getString("room"));
      publish("job:" + legacy, "{\"pct\":20}");
      assertEquals(20, client.await("job:progress").data().getInt("pct"));
    }
  }

  /** Seed 002's client: playlist joins, client_op_id, client_ping. */
  @Test
  void seed002ClientFlowRunsUnchanged_B9() throws Exception {
    String id = createRoom("seed2");
    try (SioClient client = SioClient.connect(base(), null)) {
      assertTrue(client.await("connection_status").data().has("serverSeq"));
      client.emit("join:playlists");
      assertEquals("overview:public", client.await("ack:join").data().getString("room"));
      client.emit(
          "join:playlist", new JSONObject().put("playlist_id", id).put("client_op_id", "j1"));
      JSONObject joined = client.await("ack:join").data();
      assertEquals("room:" + id, joined.getString("room"));
      assertTrue(joined.getBoolean("success"));
      assertEquals("j1", client.await("ack:op").data().getString("clientOpId"));
      client.emit("client_ping", new JSONObject().put("client_op_id", "p1"));
      assertTrue(client.await("client_pong").data().has("serverTime"));
      assertEquals(200, rest().patch("rooms/" + id, "{\"description\":\"Mix\"}").status());
      assertEquals("Mix", client.await("room:update").data().getString("description"));
    }
  }

  private void publish(String room, String data) {
    RestClient.Reply reply =
        rest()
            .post(
                "events",
                "{\"room\":\"" + room + "\",\"type\":\"job:progress\",\"data\":" + data + "}");
    assertEquals(202, reply.status(), reply.toString());
  }

  /**
   * Seed 004's client: {@code io(url + "/public-room/" + roomId)}, {@code join-room}, {@code
   * user-joined}, the idle check's {@code ping} answered with {@code pong}, a backend broadcast,
   * {@code leave-room} and {@code user-left}.
   */
  @Test
  void seed004ClientFlowRunsUnchanged_B9() throws Exception {
    String roomId = createRoom("seed4");
    String ann = createPublicUser("Ann");
    String bob = createPublicUser("Bob");
    try (SioClient a = SioClient.connectTo(base(), "/public-room/" + roomId);
        SioClient b = SioClient.connectTo(base(), "/public-room/" + roomId)) {
      a.emit("join-room", new JSONObject().put("userId", ann).put("userName", "Ann"));
      JSONObject joined =
          a.await("user-joined", e -> e.data().getString("userId").equals(ann)).data();
      assertEquals("Ann", joined.getString("userName"));
      b.emit("join-room", new JSONObject().put("userId", bob).put("userName", "Bob"));
      assertEquals(
          2,
          a.await("user-joined", e -> e.data().getString("userId").equals(bob))
              .data()
              .getInt("currentOccupancy"));
      RestClient.Reply broadcast =
          rest()
              .post(
                  "public/rooms/" + roomId + "/broadcast",
                  "{\"type\":\"room-update\",\"data\":{\"message\":\"Capacity\"}}");
      assertEquals(202, broadcast.status(), broadcast.toString());
      for (SioClient c : List.of(a, b)) {
        assertEquals("Capacity", c.await("room-update").data().getString("message"));
      }
      // the idle check pings after 1.5 s of silence in the ITs; the client's pong keeps it open
      a.await("ping");
      b.emit("leave-room", new JSONObject().put("userId", bob));
      assertEquals(
          1,
          a.await("user-left", e -> e.data().getString("userId").equals(bob))
              .data()
              .getInt("currentOccupancy"));
      assertEquals("io server disconnect", b.awaitDisconnect(), "no reconnect after leave-room");
    }
    try (SioClient missing =
        SioClient.attemptTo(base(), "/public-room/missing-" + System.nanoTime())) {
      assertEquals(
          "ROOM_NOT_FOUND", missing.awaitRefusal().getJSONObject("data").getString("code"));
    }
  }

  private String createPublicUser(String name) {
    RestClient.Reply reply = rest().post("public/users", "{\"userName\":\"" + name + "\"}");
    assertEquals(201, reply.status(), reply.toString());
    return reply.object().getString("userId");
  }

  /**
   * Acks from the server's side: the idle check's {@code ping} (F4.3) asks for an ack, and a client
   * that only acks it stays connected through more missed-ping rounds than the check allows.
   */
  @Test
  void theIdleChecksPingAsksForAnAckAndTheAckKeepsTheClient_B9() throws Exception {
    try (SioClient client = SioClient.connect(base(), null)) {
      client.answerPingsByAck();
      SioClient.Event ping = client.await("ping");
      assertTrue(ping.args()[ping.args().length - 1] instanceof Ack, "sent with an ack id");
      // 1.5 s idle interval and 3 missed pings in the ITs: unanswered, this closes within 6 s
      Thread.sleep(7_000);
      assertTrue(client.connected(), "answered by its acks");
      assertTrue(
          ((JSONObject) client.call("client_ping", new JSONObject())[0]).getBoolean("success"));
    }
  }

  /** The Java client with its default transports: long-polling first, then the upgrade. */
  @Test
  void javaClientWithDefaultTransportsPollsThenUpgrades_B9() throws Exception {
    String id = createRoom("sio-poll");
    String user = "poller-" + System.nanoTime();
    try (SioClient client = SioClient.connectPollingFirst(base(), Tokens.valid(user))) {
      assertEquals(user, client.await("connection_status").data().getString("userId"));
      assertTrue(
          ((JSONObject) client.call("join:room", new JSONObject().put("roomId", id))[0])
              .getBoolean("success"));
      for (String description : List.of("First", "Second")) {
        assertEquals(
            200, rest().patch("rooms/" + id, "{\"description\":\"" + description + "\"}").status());
        assertEquals(description, client.await("room:update").data().getString("description"));
        // the second change arrives after the upgrade has had its time
        Thread.sleep(1_000);
      }
      assertTrue(
          ((JSONObject) client.call("client_ping", new JSONObject())[0]).getBoolean("success"));
    }
  }

  /**
   * A page of an allowed origin on another host may poll: the answers carry the CORS header that
   * lets the browser read them, and a preflight is answered; another origin is refused (F4.2's
   * allowed origins, arquillian.xml: {@code http://allowed.example}).
   */
  @Test
  void pollingAnswersAllowedOriginsWithCorsAndRefusesOthers_B9() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    URI handshake = base().resolve("socket.io/?EIO=4&transport=polling");
    java.net.http.HttpResponse<String> allowed =
        http.send(
            java.net.http.HttpRequest.newBuilder(handshake)
                .header("Origin", "http://allowed.example")
                .GET()
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, allowed.statusCode());
    assertTrue(allowed.body().startsWith("0{"), allowed.body());
    assertEquals(
        "http://allowed.example",
        allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertTrue(allowed.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());

    java.net.http.HttpResponse<String> preflight =
        http.send(
            java.net.http.HttpRequest.newBuilder(handshake)
                .header("Origin", "http://allowed.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-trace")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(204, preflight.statusCode());
    assertEquals(
        "x-trace", preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(null));

    java.net.http.HttpResponse<String> other =
        http.send(
            java.net.http.HttpRequest.newBuilder(handshake)
                .header("Origin", "http://evil.example")
                .GET()
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(403, other.statusCode());
    assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }
}
