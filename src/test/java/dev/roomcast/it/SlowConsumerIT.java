package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backpressure (B2): a client that stops reading never delays the others, is cut off at its bound
 * and can resume from history; stats, health and metrics report it (F1.5, F2.8, F2.9, B7).
 */
class SlowConsumerIT extends RoomcastIT {

  private static final int HEALTHY = 50;
  private static final int EVENTS = 400;
  private static final Duration LONG = Duration.ofSeconds(60);

  @Test
  void stuckClientDoesNotDelayFiftyOthers_B2() throws Exception {
    String id = createRoom("slow");
    List<WsClient> healthy = new ArrayList<>();
    try (Socket stuck = new Socket()) {
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new java.net.InetSocketAddress("127.0.0.1", base().getPort()), 5000);
      joinWithoutReading(stuck, base(), id);
      for (int i = 0; i < HEALTHY; i++) {
        WsClient client = connect();
        client.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
        client.await("ack:join");
        healthy.add(client);
      }
      // 400 events of ~16 KB: far more than the stuck socket's buffers hold
      String padding = "x".repeat(16_000);
      long start = System.nanoTime();
      postNumberedEvents(id, EVENTS, padding);
      for (WsClient client : healthy) {
        JsonObject last =
            client.await(
                "frame_update",
                m -> m.getJsonObject("data").getInt("i") == EVENTS - 1,
                Duration.ofSeconds(60));
        assertEquals(EVENTS - 1, last.getJsonObject("data").getInt("i"));
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(
          elapsedMs < 60_000,
          "every healthy client got all " + EVENTS + " events in " + elapsedMs + " ms");
    } finally {
      for (WsClient client : healthy) {
        client.close();
      }
    }
  }

  @Test
  void stuckClientIsCutOffAtTheBoundAndResumesFromHistory_B2_F2_6() throws Exception {
    String id = createRoom("cutoff");
    String room = "room:" + id;
    JsonObject before = rest().get("stats").object();
    JsonObject start = rest().get("rooms/" + id + "/state").object();
    long joinedAt = start.getJsonNumber("roomSeq").longValue();
    String epoch = start.getString("epoch");
    try (Socket stuck = new Socket();
        WsClient steady = connect()) {
      steady.send("join", room, null, null);
      steady.await("ack:join");
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new java.net.InetSocketAddress("127.0.0.1", base().getPort()), 5000);
      joinWithoutReading(stuck, base(), id);
      awaitMembers(room, 2);
      String padding = "x".repeat(16_000);
      int sent = 0;
      // publish until the server gives up on the stuck client (bounded: history keeps 2500)
      while (sent < 2400 && closes() == before.getJsonNumber("slowConsumerCloses").longValue()) {
        for (int i = 0; i < 100; i++, sent++) {
          assertEquals(
              202,
              rest()
                  .post(
                      "rooms/" + id + "/events",
                      "{\"type\":\"frame_update\",\"data\":{\"i\":"
                          + sent
                          + ",\"pad\":\""
                          + padding
                          + "\"}}")
                  .status());
        }
      }
      assertTrue(
          closes() > before.getJsonNumber("slowConsumerCloses").longValue(),
          "the stuck client was cut off after " + sent + " events");
      int code = closeCodeOf(stuck);
      // the close frame queues behind the unread data, and the container may drop both
      assertTrue(code == 4008 || code == -1, "closed with 4008 or cut, got " + code);
      int last = sent - 1;
      steady.await("frame_update", m -> m.getJsonObject("data").getInt("i") == last, LONG);

      JsonObject after = rest().get("stats").object();
      assertTrue(
          after.getJsonNumber("queueDrops").longValue()
              > before.getJsonNumber("queueDrops").longValue(),
          "drops counted: " + after);

      try (WsClient resumed = connect()) {
        resumed.send(
            "join",
            room,
            null,
            "{\"since\":{\"roomSeq\":" + joinedAt + ",\"epoch\":\"" + epoch + "\"}}");
        assertTrue(resumed.await("ack:join").getJsonObject("data").getBoolean("resumed"));
        long expected = joinedAt + 1;
        int events = 0;
        while (events < sent) {
          JsonObject event = resumed.next(LONG);
          assertTrue(event != null, "replay stalled after " + events);
          if (!room.equals(event.getString("room", null))) {
            continue;
          }
          assertEquals(expected++, event.getJsonNumber("roomSeq").longValue());
          if ("frame_update".equals(event.getString("type"))) {
            assertEquals(events++, event.getJsonObject("data").getInt("i"));
          }
        }
      }
    }
  }

  @Test
  void statsHealthPingAndMetricsReportRealCounts_F1_5_F2_8_F2_9_B7() throws Exception {
    String id = createRoom("stats");
    String room = "room:" + id;
    try (WsClient one = connect();
        WsClient two = connect()) {
      one.send("join", room, null, null);
      one.await("ack:join");
      two.send("join", room, null, null);
      two.await("ack:join");
      rest().post("rooms/" + id + "/frames", "{\"count\":1}");
      one.await("room:update");
      two.await("room:update");

      JsonObject stats = rest().get("stats").object();
      assertTrue(stats.getInt("totalConnections") >= 2, stats.toString());
      assertEquals(2, stats.getJsonObject("rooms").getInt(room), stats.toString());
      assertTrue(stats.getJsonNumber("eventsIn").longValue() >= 2, stats.toString());
      assertTrue(stats.getJsonNumber("eventsOut").longValue() >= 6, stats.toString());

      RestClient.Reply health = rest().get("health");
      assertEquals(200, health.status());
      assertEquals("healthy", health.object().getString("status"));
      assertEquals("up", health.object().getJsonObject("components").getString("store"));

      one.send("health_check", null, null, null);
      JsonObject status = one.await("health_status").getJsonObject("data");
      assertEquals("healthy", status.getString("status"));
      assertEquals("up", status.getJsonObject("components").getString("store"));
      one.send("client_ping", null, null, null);
      assertTrue(
          one.await("client_pong").getJsonObject("data").getJsonNumber("serverTime").longValue()
              > 0);

      java.net.http.HttpResponse<String> metrics = rest().getRaw("metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(
          metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
          metrics.headers().toString());
      String text = metrics.body();
      assertTrue(text.contains("# TYPE roomcast_connections gauge"), text);
      assertTrue(text.contains("roomcast_room_members{room=\"" + room + "\"} 2"), text);
      assertTrue(text.contains("roomcast_up{component=\"store\"} 1"), text);
      long out = metricValue(text, "roomcast_events_out_total");
      assertTrue(out >= stats.getJsonNumber("eventsOut").longValue(), text);
    }
  }

  @Test
  void metricsAndStatsNameNoConnectionRoom_B12() throws Exception {
    List<WsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        clients.add(connect());
      }
      String metrics = rest().getRaw("metrics").body();
      assertFalse(metrics.contains("room=\"client:"), "a series per connection: " + metrics);
      assertTrue(metricValue(metrics, "roomcast_kind_members{kind=\"client\"}") >= 5, metrics);
      JsonObject stats = rest().get("stats").object();
      assertTrue(
          stats.getJsonObject("rooms").keySet().stream().noneMatch(r -> r.startsWith("client:")),
          stats.toString());
      assertTrue(
          stats.getJsonObject("kinds").getJsonObject("client").getInt("members") >= 5,
          stats.toString());
    } finally {
      for (WsClient client : clients) {
        client.close();
      }
    }
  }

  private long closes() {
    return rest().get("stats").object().getJsonNumber("slowConsumerCloses").longValue();
  }

  private void awaitMembers(String room, int members) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonObject rooms = rest().get("stats").object().getJsonObject("rooms");
      if (rooms.containsKey(room) && rooms.getInt(room) == members) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(room + " never had " + members + " members");
  }

  private static long metricValue(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError("no metric " + name + " in " + text);
  }

  /**
   * Reads the server's frames off a raw socket until its close frame and returns the close code; -1
   * if the connection ended without one.
   */
  private static int closeCodeOf(Socket socket) throws IOException {
    socket.setSoTimeout(60_000);
    java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
    try {
      return readUntilClose(in);
    } catch (java.io.EOFException | java.net.SocketException e) {
      return -1;
    }
  }

  private static int readUntilClose(java.io.DataInputStream in) throws IOException {
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0f;
      long length = in.readUnsignedByte() & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      if (opcode == 0x8) {
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
      }
    }
  }

  /** A hand-made WebSocket client: handshake, one masked join frame, then it never reads again. */
  private static void joinWithoutReading(Socket socket, URI base, String roomId)
      throws IOException {
    OutputStream out = socket.getOutputStream();
    String key =
        Base64.getEncoder()
            .encodeToString(
                "roomcast-stuck-01".substring(0, 16).getBytes(StandardCharsets.US_ASCII));
    String request =
        "GET "
            + base.getPath()
            + "ws HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + base.getPort()
            + "\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + key
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("handshake cut short: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head);
    }
    sendText(out, "{\"type\":\"join:room\",\"data\":{\"roomId\":\"" + roomId + "\"}}");
    // it never reads, but it keeps talking, so the idle check (F4.3) has no reason to close it
    // and only the outbound bound (B2) can
    Thread talker =
        new Thread(
            () -> {
              try {
                while (!socket.isClosed()) {
                  Thread.sleep(300);
                  sendText(out, "{\"type\":\"pong\"}");
                }
              } catch (IOException | InterruptedException e) {
                // the server cut the connection: exactly what the tests wait for
              }
            },
            "stuck-client-talker");
    talker.setDaemon(true);
    talker.start();
  }

  /** Writes one masked text frame (payload under 126 bytes), as a client must. */
  private static synchronized void sendText(OutputStream out, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = {1, 2, 3, 4};
    byte[] frame = new byte[2 + 4 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    out.write(frame);
    out.flush();
  }
}
