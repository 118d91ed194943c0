package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RawWebSocket;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The hard message limit (B3) on every socket and container: a message over 1 MiB closes the
 * connection with 1009, whether it comes in one frame or in many, and is never held whole; messages
 * under it, in one frame or many, are read and answered. On WildFly 39 the container's own limit
 * let 1.1 MB and 3 MB messages through to the endpoint.
 */
class FrameLimitsIT extends RoomcastIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A JSON envelope of about {@code bytes} bytes of ASCII. */
  private static String envelopeOf(int bytes) {
    return "{\"type\":\"client_ping\",\"pad\":\"" + "x".repeat(bytes - 32) + "\"}";
  }

  @Test
  void threeMegabytesInOneFrameCloseWith1009_B3() throws Exception {
    try (RawWebSocket big = RawWebSocket.connect(base(), "ws")) {
      big.awaitText("connection_status", WAIT);
      assertEquals(1009, big.closeCodeWhileSending(envelopeOf(3_000_000), WAIT));
    }
    assertServerStillAnswers();
  }

  @Test
  void overOneMebibyteInManyFramesClosesWith1009_B3() throws Exception {
    try (WsClient fragmented = connect()) {
      fragmented.sendExpectingClose(envelopeOf(1_200_000), 60_000);
      assertEquals(1009, fragmented.awaitClose(WAIT).getCloseCode().getCode());
    }
    assertServerStillAnswers();
  }

  @Test
  void publicRoomSocketHasTheSameLimit_B3() throws Exception {
    String roomId = createRoom("public-limit");
    try (RawWebSocket big = RawWebSocket.connect(base(), "public-room/" + roomId)) {
      big.awaitText("connection_status", WAIT);
      assertEquals(1009, big.closeCodeWhileSending(envelopeOf(1_100_000), WAIT));
    }
  }

  @Test
  void messagesUnderTheLimitAreReadWholeInOneFrameOrMany_B3() throws Exception {
    try (WsClient client = connect()) {
      // under 1 MiB but over ROOMCAST_MAX_FRAME_BYTES: read whole, answered with a code
      client.sendRaw(envelopeOf(1_000_000));
      JsonObject refused = client.await("err:op", m -> true, WAIT);
      assertEquals("FRAME_TOO_LARGE", refused.getJsonObject("data").getString("errorType"));
      client.sendInFrames(envelopeOf(900_000), 50_000);
      refused = client.await("err:op", m -> true, WAIT);
      assertEquals("FRAME_TOO_LARGE", refused.getJsonObject("data").getString("errorType"));
      // a small request in three frames is put together and answered
      client.sendInFrames("{\"type\":\"client_ping\",\"clientOpId\":\"parts\"}", 15);
      client.await("client_pong");
      assertTrue(client.isOpen(), "still connected");
    }
  }

  private void assertServerStillAnswers() throws Exception {
    try (WsClient next = connect()) {
      next.send("client_ping", null, null, null);
      next.await("client_pong");
    }
  }
}
