package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.connection.control.Connection;
import dev.roomcast.protocol.entity.RoomPosition;
import dev.roomcast.protocol.entity.ServerPayload.MembershipAck;
import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Joining with {@code since} and {@code sync:request}, without a server (F2.3, F2.6). */
class ResumeTest {

  private final Fixture fixture = new Fixture();

  private String roomWithEvents(String id, int events) {
    fixture.rooms.create(new CreateRoom(id, null, null, null));
    for (int i = 0; i < events; i++) {
      fixture.rooms.publishEvent(
          id, "frame_update", Json.createObjectBuilder().add("i", i).build());
    }
    return "room:" + id;
  }

  @Test
  void joinWithSinceReplaysTheOriginalFramesAfterTheAck_F2_6() {
    String room = roomWithEvents("a", 5);
    String epoch = fixture.history.epoch(room);
    List<String> originals = fixture.history.after(room, 3).stream().map(e -> e.frame()).toList();
    RecordingSink sink = new RecordingSink("s1");
    Connection connection = fixture.connection(sink);

    MembershipAck ack = fixture.subscriptions.join(connection, room, new RoomPosition(3L, epoch));

    assertTrue(ack.resumed());
    assertEquals(3, ack.roomSeq(), "where the client was: the replay starts at roomSeq + 1");
    assertEquals(null, ack.snapshot(), "the client keeps its own state");
    List<JsonObject> sent = sink.messages();
    assertEquals("ack:join", sent.get(0).getString("type"));
    assertEquals(originals, sink.frames().subList(1, 4), "roomSeq 4, 5, 6 byte for byte");
    assertTrue(fixture.registry.isMember(connection, room));
  }

  @Test
  void upToDateClientGetsOnlyTheAck_F2_6() {
    String room = roomWithEvents("b", 2);
    RecordingSink sink = new RecordingSink("s1");
    MembershipAck ack =
        fixture.subscriptions.join(
            fixture.connection(sink), room, new RoomPosition(3L, fixture.history.epoch(room)));
    assertTrue(ack.resumed());
    assertEquals(
        List.of("ack:join"), sink.messages().stream().map(m -> m.getString("type")).toList());
  }

  @Test
  void staleEpochOrFuturePositionMeansFullRefresh_F2_6() {
    String room = roomWithEvents("c", 2);
    String epoch = fixture.history.epoch(room);
    for (RoomPosition since :
        List.of(
            new RoomPosition(1L, "not-" + epoch),
            new RoomPosition(99L, epoch),
            new RoomPosition(null, epoch))) {
      RecordingSink sink = new RecordingSink("s");
      MembershipAck ack = fixture.subscriptions.join(fixture.connection(sink), room, since);
      assertFalse(ack.resumed(), since.toString());
      List<JsonObject> sent = sink.messages();
      assertEquals("sync:error", sent.get(0).getString("type"));
      JsonObject error = sent.get(0).getJsonObject("data");
      assertEquals("FULL_REFRESH_REQUIRED", error.getString("code"));
      assertEquals(epoch, error.getString("epoch"));
      assertEquals("ack:join", sent.get(1).getString("type"));
      assertEquals(
          "c", sent.get(1).getJsonObject("data").getJsonObject("snapshot").getString("id"));
      assertEquals(2, sent.size());
    }
  }

  @Test
  void syncRequestReplaysPerRoomThenCompletes_F2_6() {
    String room = roomWithEvents("d", 4);
    RecordingSink sink = new RecordingSink("s1");
    Connection connection = fixture.connection(sink);
    fixture.subscriptions.join(connection, room, null);
    String epoch = fixture.history.epoch(room);

    fixture.subscriptions.sync(
        connection,
        Map.of(room, new RoomPosition(2L, epoch), "room:elsewhere", new RoomPosition(0L, epoch)));

    List<JsonObject> sent = sink.messages();
    List<String> types = sent.stream().map(m -> m.getString("type")).toList();
    assertEquals("sync:complete", types.get(types.size() - 1));
    assertEquals(
        List.of(3L, 4L, 5L),
        sent.stream()
            .filter(m -> "frame_update".equals(m.getString("type")))
            .map(m -> m.getJsonNumber("roomSeq").longValue())
            .toList());
    assertTrue(
        sent.stream()
            .anyMatch(
                m ->
                    "sync:error".equals(m.getString("type"))
                        && "NOT_MEMBER".equals(m.getJsonObject("data").getString("code"))));
  }
}
