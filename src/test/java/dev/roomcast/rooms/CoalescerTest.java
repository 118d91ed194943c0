package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.rooms.control.Coalescer;
import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.rooms.entity.Published;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import jakarta.json.Json;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

  @Test
  void aKeyLastsOnlyWhileItsIntervalRuns_B12() throws Exception {
    fixture.rooms.create(new CreateRoom("e", null, null, null));
    fixture.member("s1", "room:e");
    for (int i = 0; i < 300; i++) {
      fixture.rooms.create(new CreateRoom("k" + i, null, null, null));
      fixture.rooms.publishEvent(
          "k" + i, "frame_selection:update", Json.createObjectBuilder().add("i", i).build());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (keys(fixture.coalescer) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, keys(fixture.coalescer), "a quiet interval ends its key (coalesced at 50 ms)");
  }

  @Test
  void undeployCancelsEveryPendingFlush_B12() {
    ScheduledThreadPoolExecutor tasks = new ScheduledThreadPoolExecutor(1);
    tasks.setRemoveOnCancelPolicy(true);
    try {
      Coalescer own =
          new Coalescer(
              fixture.events, tasks, Map.of("frame_selection:update", Duration.ofSeconds(60)));
      for (int i = 0; i < 3; i++) {
        own.publish("room:u" + i, "frame_selection:update", Json.createObjectBuilder().build());
        own.publish("room:u" + i, "frame_selection:update", Json.createObjectBuilder().build());
      }
      assertEquals(3, tasks.getQueue().size());
      own.stop();
      assertEquals(0, tasks.getQueue().size(), "no flush outlives the application");
      assertEquals(0, own.activeKeys());
    } finally {
      tasks.shutdownNow();
    }
  }

  /** The coalescer's live keys, read from its private map (its only per-key state). */
  private static int keys(Coalescer coalescer) throws ReflectiveOperationException {
    Field keys = Coalescer.class.getDeclaredField("keys");
    keys.setAccessible(true);
    return ((Map<?, ?>) keys.get(coalescer)).size();
  }
}
