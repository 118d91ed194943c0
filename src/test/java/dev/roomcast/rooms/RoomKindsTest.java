package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.RoomKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomKindsTest {

  private final RoomKinds kinds = RoomKinds.defaults();
  private final Identity ann = new Identity("ann", "Ann", true);
  private final Identity anonymous = Identity.anonymous("s1");

  @Test
  void everyRoomOfTheSeedsHasAKind() {
    for (String room :
        List.of(
            "overview:public",
            "room:demo",
            "user:ann",
            "client:s1",
            "all-jobs",
            "job:507f1f77bcf86cd799439011",
            "server:srv-1",
            "org:o1",
            "board:b1",
            "board:b1:tasks",
            "board:b1:sprints",
            "chat:ann:bob")) {
      assertTrue(kinds.kindOf(room).isPresent(), room);
    }
  }

  @Test
  void illegalNamesAreInvalidRooms() {
    for (String room :
        List.of("lobby", "job:123", "room:", "user:", "x".repeat(300), "room:../x")) {
      assertEquals(
          ErrorCode.INVALID_ROOM,
          assertThrows(RequestRejected.class, () -> kinds.requireJoinable(room, ann)).code(),
          room);
    }
  }

  @Test
  void joinRulesFollowTheKind() {
    kinds.requireJoinable("user:ann", ann);
    kinds.requireJoinable("chat:bob:ann", ann);
    kinds.requireJoinable("board:b1", ann);
    for (var refused :
        List.of(
            List.of("user:bob", ann),
            List.of("user:ann", anonymous),
            List.of("client:s1", ann),
            List.of("board:b1", anonymous),
            List.of("chat:bob:carl", ann))) {
      assertEquals(
          ErrorCode.FORBIDDEN,
          assertThrows(
                  RequestRejected.class,
                  () -> kinds.requireJoinable((String) refused.get(0), (Identity) refused.get(1)))
              .code(),
          refused.toString());
    }
    assertEquals(
        ErrorCode.FORBIDDEN,
        assertThrows(RequestRejected.class, () -> kinds.requirePublishable("all-jobs", ann))
            .code());
  }

  @Test
  void jobRoomsAggregateIntoAllJobs() {
    assertEquals(List.of("all-jobs"), kinds.aggregatesOf("job:507f1f77bcf86cd799439011"));
    assertEquals(List.of(), kinds.aggregatesOf("all-jobs"));
    assertTrue(kinds.tracksPresence("room:demo"));
  }
}
