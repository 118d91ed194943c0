package dev.roomcast.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cluster delivery: in order within a room, side by side across rooms, bounded (B1). */
class DeliveryLanesTest {

  @Test
  void eachRoomInOrderWhileAStuckRoomHoldsUpNoOther_B1() throws Exception {
    try (DeliveryLanes lanes = new DeliveryLanes(2)) {
      CountDownLatch unstick = new CountDownLatch(1);
      lanes.submit("room:stuck", () -> await(unstick));
      Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
      CountDownLatch done = new CountDownLatch(3 * 500);
      for (int i = 0; i < 500; i++) {
        for (String room : List.of("room:a", "room:b", "room:c")) {
          int n = i;
          lanes.submit(
              room,
              () -> {
                seen.computeIfAbsent(room, r -> Collections.synchronizedList(new ArrayList<>()))
                    .add(n);
                done.countDown();
              });
        }
      }
      assertTrue(done.await(5, TimeUnit.SECONDS), "the other rooms were delivered meanwhile");
      for (String room : List.of("room:a", "room:b", "room:c")) {
        assertEquals(IntStream.range(0, 500).boxed().toList(), seen.get(room), room);
      }
      unstick.countDown();
    }
  }

  @Test
  void aRoomTooFarBehindDropsInsteadOfGrowing_B1() throws Exception {
    try (DeliveryLanes lanes = new DeliveryLanes(1)) {
      CountDownLatch unstick = new CountDownLatch(1);
      CountDownLatch stuck = new CountDownLatch(1);
      lanes.submit(
          "room:stuck",
          () -> {
            stuck.countDown();
            await(unstick);
          });
      assertTrue(stuck.await(5, TimeUnit.SECONDS));
      for (int i = 0; i < DeliveryLanes.MAX_QUEUED_PER_ROOM; i++) {
        assertTrue(lanes.submit("room:stuck", () -> {}));
      }
      assertFalse(lanes.submit("room:stuck", () -> {}), "full: dropped, filled from history later");
      unstick.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
