package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.rooms.entity.Published;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coalescing keeps the last value and the order (F1.4); the fixture coalesces at 50 ms. */
class CoalescerTest {

  private final Fixture fixture = new Fixture();

  @Test
  void burstIsCoalescedAndTheLastValueAlwaysArrives_F1_4() throws InterruptedException {
    fixture.rooms.create(new CreateRoom("c", null, null, null));
    RecordingSink sink = fixture.member("s1", "room:c");
    int count = 200;
    int heldBack = 0;
    for (int i = 0; i < count; i++) {
      Published published =
          fixture.rooms.publishEvent(
              "c", "frame_selection:update", Json.createObjectBuilder().add("i", i).build());
      heldBack += published.coalesced() ? 1 : 0;
    }
    List<Integer> values = List.of();
    for (int wait = 0; wait < 100; wait++) {
      values =
          sink.ofType("frame_selection:update").stream()
              .map(m -> m.getJsonObject("data").getInt("i"))
              .toList();
      if (!values.isEmpty() && values.get(values.size() - 1) == count - 1) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(count - 1, values.get(values.size() - 1), "trailing edge: " + values);
    assertTrue(heldBack > 0, "some events were held back");
    assertTrue(values.size() < count, "coalesced: " + values);
    for (int i = 1; i < values.size(); i++) {
      assertTrue(values.get(i) > values.get(i - 1), "in order: " + values);
    }
  }

  @Test
  void otherTypesAreNotCoalesced_F1_4() {
    fixture.rooms.create(new CreateRoom("d", null, null, null));
    RecordingSink sink = fixture.member("s1", "room:d");
    for (int i = 0; i < 10; i++) {
      fixture.rooms.publishEvent(
          "d", "frame_update", Json.createObjectBuilder().add("i", i).build());
    }
    assertEquals(10, sink.ofType("frame_update").size());
  }
}
