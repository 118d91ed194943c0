package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.rooms.control.RoomDiff;
import dev.roomcast.rooms.entity.LockMetadata;
import dev.roomcast.rooms.entity.RoomMetadata;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomDiffTest {

  private final RoomDiff diff = new RoomDiff(new MessageCodec(JsonbBuilder.create()));
  private final RoomMetadata room = RoomMetadata.created("r1", "desc", false);

  @Test
  void diffCarriesRoomIdAndOnlyChangedFields_F0_4() {
    JsonObject changed =
        diff.between(room, room.withFrameCount(120).withDescription("new")).orElseThrow();
    assertEquals(Set.of("roomId", "frameCount", "description"), changed.keySet());
    assertEquals("r1", changed.getString("roomId"));
    assertEquals(120, changed.getInt("frameCount"));
    assertEquals("new", changed.getString("description"));
  }

  @Test
  void unchangedRoomHasNoDiff_F0_4() {
    assertTrue(diff.between(room, room.withDescription("desc")).isEmpty());
  }

  @Test
  void clearedFieldIsSentAsExplicitNull_F0_5() {
    RoomMetadata locked = room.withMetadataLocked(new LockMetadata("Uploading", "alice", 1.5));
    JsonObject taken = diff.between(room, locked).orElseThrow();
    assertEquals(Set.of("roomId", "metadataLocked"), taken.keySet());
    assertEquals("alice", taken.getJsonObject("metadataLocked").getString("userName"));
    JsonObject released = diff.between(locked, room).orElseThrow();
    assertEquals(JsonValue.NULL, released.get("metadataLocked"));
  }

  @Test
  void createdPayloadHasFullStateAndCreatedFlag_F0_4() {
    JsonObject created = diff.created(room);
    assertTrue(created.getBoolean("created"));
    assertEquals(
        Set.of(
            "roomId",
            "created",
            "description",
            "frameCount",
            "locked",
            "hidden",
            "isDefault",
            "metadataLocked",
            "presenterSid"),
        created.keySet());
  }
}
