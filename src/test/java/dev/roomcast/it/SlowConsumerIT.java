package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Backpressure (B2): a client that stops reading never delays the others. */
class SlowConsumerIT extends RoomcastIT {

  private static final int HEALTHY = 50;
  private static final int EVENTS = 400;

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
      for (int i = 0; i < EVENTS; i++) {
        RestClient.Reply reply =
            rest()
                .post(
                    "rooms/" + id + "/events",
                    "{\"type\":\"frame_update\",\"data\":{\"i\":"
                        + i
                        + ",\"pad\":\""
                        + padding
                        + "\"}}");
        assertEquals(202, reply.status());
      }
      for (WsClient client : healthy) {
        JsonObject last =
            client.await(
                "frame_update",
                m -> m.getJsonObject("data").getInt("i") == EVENTS - 1,
                Duration.ofSeconds(30));
        assertEquals(EVENTS - 1, last.getJsonObject("data").getInt("i"));
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(
          elapsedMs < 30_000,
          "every healthy client got all " + EVENTS + " events in " + elapsedMs + " ms");
    } finally {
      for (WsClient client : healthy) {
        client.close();
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
    byte[] payload =
        ("{\"type\":\"join:room\",\"data\":{\"roomId\":\"" + roomId + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
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
