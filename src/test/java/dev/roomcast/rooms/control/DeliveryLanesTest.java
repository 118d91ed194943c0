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

  @Test
  void anIdleRoomIsDeliveredOnTheReceivingThreadABusyOneQueuesInOrder_B1() throws Exception {
    try (DeliveryLanes lanes = new DeliveryLanes(2)) {
      Thread receiver = Thread.currentThread();
      List<String> order = Collections.synchronizedList(new ArrayList<>());
      lanes.deliver(
          "room:idle",
          () -> {
            assertEquals(receiver, Thread.currentThread(), "no hand-off for an idle room");
            order.add("idle");
            return true;
          },
          () -> order.add("idle on the pool"));
      assertEquals(List.of("idle"), order);

      CountDownLatch unstick = new CountDownLatch(1);
      lanes.submit("room:busy", () -> await(unstick));
      CountDownLatch done = new CountDownLatch(3);
      for (int i = 0; i < 3; i++) {
        int n = i;
        lanes.deliver(
            "room:busy",
            () -> {
              order.add("busy inline " + n);
              return true;
            },
            () -> {
              order.add("busy " + n);
              done.countDown();
            });
      }
      unstick.countDown();
      assertTrue(done.await(5, TimeUnit.SECONDS));
      assertEquals(List.of("idle", "busy 0", "busy 1", "busy 2"), order);
    }
  }

  @Test
  void aDeliveryThatMustWaitGoesToThePoolAheadOfWhatCameMeanwhile_B1() throws Exception {
    try (DeliveryLanes lanes = new DeliveryLanes(2)) {
      List<String> order = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch done = new CountDownLatch(2);
      lanes.deliver(
          "room:gap",
          () -> {
            // a delivery handed in while this one runs must come after it
            lanes.submit(
                "room:gap",
                () -> {
                  order.add("next");
                  done.countDown();
                });
            return false; // needs history: not here
          },
          () -> {
            assertFalse(Thread.currentThread().getName().equals("main"));
            order.add("first, from history");
            done.countDown();
          });
      assertTrue(done.await(5, TimeUnit.SECONDS));
      assertEquals(List.of("first, from history", "next"), order);
      Thread.sleep(50);
      assertEquals(0, lanes.busyRooms(), "the lane retires when empty");
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
