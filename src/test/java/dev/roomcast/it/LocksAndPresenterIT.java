package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Temporary locks and the presenter over real sockets: F0.5, F0.6. */
class LocksAndPresenterIT extends RoomcastIT {

  @Test
  void lockRequestsAreAnsweredAndBroadcast_F0_5() throws Exception {
    String id = createRoom("lock");
    String room = "room:" + id;
    try (WsClient holder = connect();
        WsClient other = connect()) {
      join(holder, id);
      join(other, id);

      holder.send(
          "lock:acquire",
          room,
          "a1",
          "{\"msg\":\"Uploading\",\"userName\":\"alice\",\"ttlSeconds\":30}");
      JsonObject grant = holder.await("ack:op").getJsonObject("data");
      assertEquals("a1", grant.getString("clientOpId"));
      assertEquals(30, grant.getJsonObject("data").getInt("ttlSeconds"));
      JsonObject locked = other.await("room:update").getJsonObject("data");
      assertEquals(Set.of("roomId", "metadataLocked"), locked.keySet());
      assertEquals("Uploading", locked.getJsonObject("metadataLocked").getString("msg"));
      assertEquals("alice", locked.getJsonObject("metadataLocked").getString("userName"));
      assertTrue(
          locked.getJsonObject("metadataLocked").getJsonNumber("timestamp").doubleValue() > 1.6e9);

      other.send("lock:acquire", room, "b1", "{\"msg\":\"mine\"}");
      assertEquals("LOCK_HELD", other.await("err:op").getJsonObject("data").getString("errorType"));
      other.send("lock:release", room, "b2", null);
      assertEquals(
          "NOT_LOCK_HOLDER", other.await("err:op").getJsonObject("data").getString("errorType"));
      other.send("lock:refresh", room, "b3", null);
      assertEquals(
          "NOT_LOCK_HOLDER", other.await("err:op").getJsonObject("data").getString("errorType"));
      other.send("lock:msg", room, "b4", "{\"msg\":\"hijack\"}");
      assertEquals(
          "NOT_LOCK_HOLDER", other.await("err:op").getJsonObject("data").getString("errorType"));

      holder.send("lock:msg", room, "a2", "{\"msg\":\"Processing\"}");
      holder.await(
          "ack:op",
          m -> "a2".equals(m.getJsonObject("data").getString("clientOpId")),
          Duration.ofSeconds(5));
      assertEquals(
          "Processing",
          other
              .await("room:update")
              .getJsonObject("data")
              .getJsonObject("metadataLocked")
              .getString("msg"));

      holder.send("lock:refresh", room, "a3", "{\"ttlSeconds\":60}");
      holder.await(
          "ack:op",
          m -> "a3".equals(m.getJsonObject("data").getString("clientOpId")),
          Duration.ofSeconds(5));

      holder.send("lock:release", room, "a4", null);
      holder.await(
          "ack:op",
          m -> "a4".equals(m.getJsonObject("data").getString("clientOpId")),
          Duration.ofSeconds(5));
      JsonObject released = other.await("room:update").getJsonObject("data");
      assertEquals(JsonValue.NULL, released.get("metadataLocked"));
      assertEquals(JsonValue.NULL, rest().get("rooms/" + id).object().get("metadataLocked"));
    }
  }

  @Test
  void lockLapsesAndBroadcastsNull_F0_5() throws Exception {
    String id = createRoom("ttl");
    try (WsClient holder = connect();
        WsClient other = connect()) {
      join(holder, id);
      join(other, id);
      holder.send("lock:acquire", "room:" + id, "t1", "{\"msg\":\"short\",\"ttlSeconds\":1}");
      holder.await("ack:op");
      other.await("room:update");
      long start = System.nanoTime();
      JsonObject lapsed =
          other.await("room:update", m -> true, Duration.ofSeconds(5)).getJsonObject("data");
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(JsonValue.NULL, lapsed.get("metadataLocked"));
      assertTrue(elapsedMs >= 500, "lapsed after its TTL, not at once: " + elapsedMs + " ms");
      // the holder still being connected makes no difference; it can take the lock again
      holder.send("lock:acquire", "room:" + id, "t2", "{\"msg\":\"again\"}");
      assertEquals(
          "t2",
          holder
              .await(
                  "ack:op",
                  m -> "t2".equals(m.getJsonObject("data").getString("clientOpId")),
                  Duration.ofSeconds(5))
              .getJsonObject("data")
              .getString("clientOpId"));
    }
  }

  @Test
  void holdersDisconnectReleasesItsLock_F0_5() throws Exception {
    String id = createRoom("drop");
    try (WsClient other = connect()) {
      join(other, id);
      WsClient holder = connect();
      join(holder, id);
      holder.send("lock:acquire", "room:" + id, null, "{\"msg\":\"Uploading\",\"ttlSeconds\":600}");
      other.await("room:update");
      holder.close();
      JsonObject released = other.await("room:update").getJsonObject("data");
      assertEquals(JsonValue.NULL, released.get("metadataLocked"));
    }
  }

  @Test
  void presenterIsTakenHandedBackAndClearedOnDisconnect_F0_6() throws Exception {
    String id = createRoom("presenter");
    String room = "room:" + id;
    try (WsClient viewer = connect()) {
      join(viewer, id);
      WsClient presenter = connect();
      join(presenter, id);

      presenter.send("presenter:take", room, "p1", null);
      presenter.await("ack:op");
      JsonObject taken = viewer.await("room:update").getJsonObject("data");
      assertEquals(Set.of("roomId", "presenterSid"), taken.keySet());
      assertEquals(presenter.sid(), taken.getString("presenterSid"));

      viewer.send("presenter:take", room, "v1", null);
      assertEquals(
          "PRESENTER_TAKEN", viewer.await("err:op").getJsonObject("data").getString("errorType"));
      viewer.send("presenter:release", room, "v2", null);
      assertEquals(
          "NOT_PRESENTER", viewer.await("err:op").getJsonObject("data").getString("errorType"));

      presenter.send("presenter:release", room, "p2", null);
      assertEquals(
          JsonValue.NULL, viewer.await("room:update").getJsonObject("data").get("presenterSid"));

      presenter.send("presenter:take", room, "p3", null);
      assertEquals(
          presenter.sid(),
          viewer.await("room:update").getJsonObject("data").getString("presenterSid"));
      presenter.close();
      assertEquals(
          JsonValue.NULL, viewer.await("room:update").getJsonObject("data").get("presenterSid"));
      assertEquals(JsonValue.NULL, rest().get("rooms/" + id).object().get("presenterSid"));
    }
  }

  private static void join(WsClient client, String roomId) throws Exception {
    client.send("join:room", null, null, "{\"roomId\":\"" + roomId + "\"}");
    client.await("ack:join");
  }
}
