package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.support.RoomcastNode;
import dev.roomcast.support.TestCertificate;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code wss://} and {@code https://} on the container's own HTTPS listener (B11, B8): two nodes of
 * the container under test with a certificate made at test time (Payara Micro's {@code --sslport},
 * WildFly's Undertow {@code https} listener), one with the container fast path on (the default),
 * one with it off ({@code ROOMCAST_FAST_PATH=false}). A secure connection must never be written to
 * below TLS: on Payara its frames after the first once went into Grizzly's transport queue in
 * cleartext, so the client saw a broken TLS stream after {@code connection_status}. On WildFly
 * every connection sends portably.
 */
class SecureSocketsIT {

  private static final int EVENTS = 1_000;
  private static final Duration NEXT = Duration.ofSeconds(30);

  private static TestCertificate certificate;
  private static SSLContext trust;
  private static RoomcastNode fast;
  private static RoomcastNode portable;

  @BeforeAll
  static void startNodes() throws Exception {
    certificate =
        TestCertificate.generate(Path.of("target", "tls-it", "keystore.p12"), "roomcast-it");
    trust = certificate.trustingIt();
    List<RoomcastNode> nodes =
        RoomcastNode.startTogether(
            List.of(
                () -> RoomcastNode.startWithTls("tls-fast", Map.of(), certificate),
                () ->
                    RoomcastNode.startWithTls(
                        "tls-portable", Map.of("ROOMCAST_FAST_PATH", "false"), certificate)));
    fast = nodes.get(0);
    portable = nodes.get(1);
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (RoomcastNode node : new RoomcastNode[] {fast, portable}) {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  void wssClientGetsAThousandEventsInOrderAndIsNeverWrittenBelowTls_B11() throws Exception {
    RestClient https = https(fast);
    JsonObject before = https.get("stats").object();
    String id = createRoom(https, "tls");
    try (WsClient secure = WsClient.connectSecure(fast.secureBase(), trust);
        WsClient plain = WsClient.connect(fast.base())) {
      long secureFrom = join(secure, id);
      long plainFrom = join(plain, id);
      publish(https, id);
      assertEveryEventInOrder(secure, id, secureFrom);
      assertEveryEventInOrder(plain, id, plainFrom);
    }
    JsonObject after = https.get("stats").object();
    assertEquals(
        count(before, "secureWritePaths", "grizzlyQueue"),
        count(after, "secureWritePaths", "grizzlyQueue"),
        "no secure connection wrote into Grizzly's queue: " + after);
    // Payara: wss:// through Tyrus's writer, above TLS, ws:// into Grizzly's queue; WildFly:
    // portable
    String securePath = fast.container().equals("payara") ? "tyrusWriter" : "portable";
    String plainPath = fast.container().equals("payara") ? "grizzlyQueue" : "portable";
    assertEquals(
        count(before, "secureWritePaths", securePath) + 1,
        count(after, "secureWritePaths", securePath),
        "the wss:// connection wrote via " + securePath + ": " + after);
    assertEquals(
        count(before, "writePaths", plainPath) + (plainPath.equals(securePath) ? 2 : 1),
        count(after, "writePaths", plainPath),
        "the plain ws:// connection on the same node wrote via " + plainPath + ": " + after);
  }

  @Test
  void withTheFastPathOffEveryConnectionSendsPortablyAndWssGetsEverything_B11() throws Exception {
    RestClient https = https(portable);
    JsonObject before = https.get("stats").object();
    String id = createRoom(https, "portable");
    try (WsClient secure = WsClient.connectSecure(portable.secureBase(), trust);
        WsClient plain = WsClient.connect(portable.base())) {
      long secureFrom = join(secure, id);
      long plainFrom = join(plain, id);
      publish(https, id);
      assertEveryEventInOrder(secure, id, secureFrom);
      assertEveryEventInOrder(plain, id, plainFrom);
    }
    JsonObject after = https.get("stats").object();
    assertEquals(
        count(before, "writePaths", "portable") + 2,
        count(after, "writePaths", "portable"),
        "both connections sent portably: " + after);
    assertEquals(
        count(before, "secureWritePaths", "portable") + 1,
        count(after, "secureWritePaths", "portable"),
        "the wss:// one among them: " + after);
    for (String path : List.of("tyrusWriter", "grizzlyQueue")) {
      assertEquals(0, count(after, "writePaths", path), "no connection took " + path + after);
    }
  }

  @Test
  void httpsRestAnswersOnTheSameListener_B11() {
    String id = createRoom(new RestClient(fast.base().resolve("api/")), "rest");
    RestClient.Reply reply = https(fast).get("rooms/" + id);
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(id, reply.object().getString("id"));
  }

  private static RestClient https(RoomcastNode node) {
    return new RestClient(node.secureBase().resolve("api/"), trust);
  }

  private static String createRoom(RestClient rest, String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    RestClient.Reply reply = rest.post("rooms", "{\"id\":\"" + id + "\"}");
    assertEquals(201, reply.status(), reply.toString());
    return id;
  }

  /** Joins {@code room:<id>} and returns the roomSeq the join answer reflects. */
  private static long join(WsClient client, String id) throws Exception {
    String room = "room:" + id;
    client.send("join", room, null, null);
    return client
        .await("ack:join", m -> room.equals(m.getJsonObject("data").getString("room")), NEXT)
        .getJsonObject("data")
        .getJsonNumber("roomSeq")
        .longValue();
  }

  /** Numbered events of ~300 bytes over REST, in order: enough queue up to be written together. */
  private static void publish(RestClient rest, String id) {
    String padding = "\u00e9".repeat(150);
    for (int i = 0; i < EVENTS; i++) {
      RestClient.Reply reply =
          rest.post(
              "rooms/" + id + "/events",
              "{\"type\":\"frame_update\",\"data\":{\"i\":" + i + ",\"pad\":\"" + padding + "\"}}");
      assertEquals(202, reply.status(), "event " + i + ": " + reply);
    }
  }

  /**
   * Every published event once and in order, each room event (presence included) numbered one after
   * the last.
   */
  private static void assertEveryEventInOrder(WsClient client, String id, long from)
      throws InterruptedException {
    String room = "room:" + id;
    long last = from;
    int next = 0;
    while (next < EVENTS) {
      JsonObject event = client.next(NEXT);
      assertNotNull(
          event, "stream stalled after " + next + " events, connection open: " + client.isOpen());
      if (!room.equals(event.getString("room", null))) {
        continue;
      }
      long seq = event.getJsonNumber("roomSeq").longValue();
      assertEquals(last + 1, seq, "roomSeq consecutive: " + event);
      last = seq;
      if ("frame_update".equals(event.getString("type"))) {
        assertEquals(next, event.getJsonObject("data").getInt("i"), "in order");
        assertEquals(150, event.getJsonObject("data").getString("pad").length(), "intact");
        next++;
      }
    }
    assertTrue(client.isOpen(), "still connected");
  }

  private static long count(JsonObject stats, String map, String path) {
    JsonObject paths = stats.getJsonObject(map);
    assertNotNull(paths, map + " in " + stats);
    return paths.getJsonNumber(path).longValue();
  }
}
