package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.rooms.entity.RoomNames;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoomChangesTest {

  @Test
  void concurrentChangesAreAnnouncedInTheOrderApplied_F0_4() throws Exception {
    Fixture fx = new Fixture();
    fx.rooms.create(new CreateRoom("r1", null, false, false));
    RecordingSink viewer = fx.member("viewer", RoomNames.ofRoom("r1"));
    ExecutorService writers = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.execute(
          () -> {
            for (int i = 0; i < 250; i++) {
              fx.rooms.update(
                  "r1", Json.createObjectBuilder().add("description", writer + "-" + i).build());
            }
          });
    }
    writers.shutdown();
    writers.awaitTermination(30, TimeUnit.SECONDS);
    List<JsonObject> updates = viewer.ofType("room:update");
    String lastAnnounced =
        updates.get(updates.size() - 1).getJsonObject("data").getString("description");
    assertEquals(fx.rooms.get("r1").description(), lastAnnounced);
  }
}
