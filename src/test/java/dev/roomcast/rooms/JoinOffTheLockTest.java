package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerPayload.MembershipAck;
import dev.roomcast.rooms.control.HistoryStore;
import dev.roomcast.rooms.control.InMemoryHistory;
import dev.roomcast.rooms.control.InMemoryRoomStore;
import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A join reads the store without the room's publish lock (F2.3, F2.6): while its read is stuck, the
 * room's other members keep receiving, and the joiner still gets exactly the events after its ack.
 */
class JoinOffTheLockTest {

  private final CountDownLatch reading = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean stall;
  private final InMemoryHistory history =
      new InMemoryHistory(HistoryLimits.defaults(), java.time.Clock.systemUTC());
  private final Fixture fixture =
      new Fixture(new InMemoryRoomStore(), history, stallingReads(history));

  @Test
  void membersKeepReceivingWhileAJoinWaitsOnTheStore_F2_3() throws Exception {
    fixture.rooms.create(new CreateRoom("b", null, null, null));
    RecordingSink member = fixture.member("m", "room:b");
    publish(3);
    RecordingSink joiner = new RecordingSink("j");
    Connection connection = fixture.connection(joiner);

    stall = true;
    CompletableFuture<MembershipAck> join =
        CompletableFuture.supplyAsync(() -> fixture.subscriptions.join(connection, "room:b", null));
    assertTrue(reading.await(5, TimeUnit.SECONDS), "the join reads the room");
    publish(10);
    assertEquals(13, member.ofType("frame_update").size(), "the member got all, without waiting");
    release.countDown();
    MembershipAck ack = join.get(5, TimeUnit.SECONDS);
    publish(2);

    assertEquals("ack:join", joiner.messages().get(0).getString("type"));
    assertSequenceAfter(
        ack.roomSeq(), joiner.ofType("frame_update"), 16); // roomSeq 1 is the creation
  }

  @Test
  void resumeWhileTheStoreIsSlowReplaysHistoryAndWhatCameMeanwhile_F2_6() throws Exception {
    fixture.rooms.create(new CreateRoom("b", null, null, null));
    publish(5);
    String epoch = fixture.history.epoch("room:b");
    RecordingSink joiner = new RecordingSink("j");
    Connection connection = fixture.connection(joiner);

    stall = true;
    CompletableFuture<MembershipAck> join =
        CompletableFuture.supplyAsync(
            () -> fixture.subscriptions.join(connection, "room:b", new RoomPosition(2L, epoch)));
    assertTrue(reading.await(5, TimeUnit.SECONDS));
    publish(4);
    release.countDown();
    MembershipAck ack = join.get(5, TimeUnit.SECONDS);
    publish(1);

    assertTrue(ack.resumed());
    assertEquals(2, ack.roomSeq());
    assertSequenceAfter(2, joiner.ofType("frame_update"), 11); // 1 is the creation
  }

  @Test
  void aJoinThatFailsLeavesNoMembershipAndNoHold() throws Exception {
    RecordingSink joiner = new RecordingSink("j");
    Connection connection = fixture.connection(joiner);
    try {
      fixture.subscriptions.join(connection, "room:missing", null);
    } catch (RuntimeException expected) {
      // ROOM_NOT_FOUND
    }
    assertFalse(fixture.registry.isMember(connection, "room:missing"));
    assertTrue(fixture.registry.members("room:missing").isEmpty());
  }

  private void publish(int events) {
    for (int i = 0; i < events; i++) {
      fixture.rooms.publishEvent("b", "frame_update", Json.createObjectBuilder().build());
    }
  }

  private static void assertSequenceAfter(long roomSeq, List<JsonObject> events, long last) {
    List<Long> got = events.stream().map(e -> e.getJsonNumber("roomSeq").longValue()).toList();
    List<Long> expected =
        java.util.stream.LongStream.rangeClosed(roomSeq + 1, last).boxed().toList();
    assertEquals(expected, got, "no gap, no duplicate, in order after the ack");
  }

  /** The history store, with the reads of a join stalled (once armed) until released. */
  private HistoryStore stallingReads(HistoryStore target) {
    return (HistoryStore)
        Proxy.newProxyInstance(
            HistoryStore.class.getClassLoader(),
            new Class<?>[] {HistoryStore.class},
            (proxy, method, args) -> {
              if (stall && method.getName().equals("lastPublishedAt")) {
                reading.countDown();
                release.await();
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
