package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roomcast.support.RoomcastNode;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ROOMCAST_AUTH_ANONYMOUS=false} means no anonymous client at all (F3.1, F4.1): public-room
 * sockets, which are anonymous by nature, are refused like a tokenless {@code /ws}, and no public
 * user can be created.
 */
class AnonymousOffIT {

  private static RoomcastNode node;

  @BeforeAll
  static void start() throws Exception {
    node = RoomcastNode.start("anonymous-off", Map.of("ROOMCAST_AUTH_ANONYMOUS", "false"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static RestClient rest() {
    return new RestClient(node.base().resolve("api/"));
  }

  @Test
  void publicRoomSocketsAndUsersAreRefusedWithoutAnonymousClients_F3_1_F4_1() throws Exception {
    String id = "public-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(201, rest().post("rooms", "{\"id\":\"" + id + "\"}").status());

    WsClient publicSocket = WsClient.open(node.base(), "public-room/" + id, true, null);
    JsonObject error = publicSocket.await("error", m -> true, Duration.ofSeconds(10));
    assertEquals("UNAUTHORIZED", error.getJsonObject("data").getString("code"), error.toString());
    assertEquals(4001, publicSocket.awaitClose(Duration.ofSeconds(10)).getCloseCode().getCode());

    RestClient.Reply user = rest().post("public/users", "{\"userName\":\"Ann\"}");
    assertEquals(401, user.status(), user.toString());
    assertEquals("UNAUTHORIZED", user.object().getString("code"));

    WsClient tokenless = WsClient.open(node.base(), "ws", true, null);
    assertEquals(
        "UNAUTHORIZED",
        tokenless
            .await("error", m -> true, Duration.ofSeconds(10))
            .getJsonObject("data")
            .getString("code"));
    assertEquals(4001, tokenless.awaitClose(Duration.ofSeconds(10)).getCloseCode().getCode());
  }
}
