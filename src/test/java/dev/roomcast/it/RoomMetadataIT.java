package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Room metadata over REST and its broadcast as diffs: F0.2, F0.3, F0.4, F0.7, F0.8 (REST). */
class RoomMetadataIT extends RoomcastIT {

  private static final Set<String> MODEL_FIELDS =
      Set.of(
          "id",
          "description",
          "frameCount",
          "locked",
          "hidden",
          "isDefault",
          "metadataLocked",
          "presenterSid");

  @Test
  void restAndSocketShareOneRoomModel_F0_2() throws Exception {
    try (WsClient overview = connect()) {
      overview.send("join:overview", null, null, null);
      overview.await("ack:join");
      String id = uniqueRoomId("model");
      RestClient.Reply created =
          rest().post("rooms", "{\"id\":\"" + id + "\",\"description\":\"Model room\"}");
      assertEquals(201, created.status());
      JsonObject rest = rest().get("rooms/" + id).object();
      assertEquals(MODEL_FIELDS, rest.keySet());
      assertEquals("Model room", rest.getString("description"));
      assertEquals(0, rest.getInt("frameCount"));
      assertEquals(JsonValue.NULL, rest.get("metadataLocked"));

      JsonObject announced =
          overview
              .await(
                  "room:update",
                  m -> id.equals(m.getJsonObject("data").getString("roomId")),
                  Duration.ofSeconds(5))
              .getJsonObject("data");
      // the socket carries the same fields under the same names (roomId for id)
      for (String field : MODEL_FIELDS) {
        String wire = field.equals("id") ? "roomId" : field;
        assertTrue(announced.containsKey(wire), "room:update lacks " + wire);
        if (!field.equals("id")) {
          assertEquals(rest.get(field), announced.get(wire), field);
        }
      }
    }
  }

  @Test
  void restListsGetsCreatesUpdatesAndDeletesRooms_F0_3() {
    RestClient api = rest();
    String visible = uniqueRoomId("visible");
    String hidden = uniqueRoomId("hidden");
    assertEquals(201, api.post("rooms", "{\"id\":\"" + visible + "\"}").status());
    assertEquals(201, api.post("rooms", "{\"id\":\"" + hidden + "\",\"hidden\":true}").status());
    assertEquals(409, api.post("rooms", "{\"id\":\"" + visible + "\"}").status());
    assertEquals(
        "ROOM_EXISTS",
        api.post("rooms", "{\"id\":\"" + visible + "\"}").object().getString("code"));
    assertEquals(
        "INVALID_ROOM", api.post("rooms", "{\"id\":\"bad id!\"}").object().getString("code"));

    Set<String> listed = ids(api.get("rooms"));
    assertTrue(listed.contains(visible));
    assertFalse(listed.contains(hidden), "hidden rooms are left out by default");
    assertTrue(ids(api.get("rooms?includeHidden=true")).contains(hidden));

    RestClient.Reply missing = api.get("rooms/does-not-exist");
    assertEquals(404, missing.status());
    assertEquals("ROOM_NOT_FOUND", missing.object().getString("code"));
    assertTrue(missing.object().getString("message").contains("does-not-exist"));

    JsonObject patched =
        api.patch("rooms/" + visible, "{\"description\":\"Renamed\",\"hidden\":true}").object();
    assertEquals("Renamed", patched.getString("description"));
    assertTrue(patched.getBoolean("hidden"));
    assertEquals(
        "INVALID_REQUEST",
        api.patch("rooms/" + visible, "{\"frameCount\":5}").object().getString("code"));
    assertEquals(400, api.patch("rooms/" + visible, "{\"hidden\":\"yes\"}").status());
    assertEquals(400, api.post("rooms", "{not json").status());

    assertEquals(204, api.delete("rooms/" + visible).status());
    assertEquals(404, api.get("rooms/" + visible).status());
    assertEquals(404, api.delete("rooms/" + visible).status());
  }

  @Test
  void permanentlyLockedRoomRefusesChanges_F0_3() {
    RestClient api = rest();
    String id = uniqueRoomId("locked");
    api.post("rooms", "{\"id\":\"" + id + "\"}");
    assertTrue(api.patch("rooms/" + id, "{\"locked\":true}").object().getBoolean("locked"));
    RestClient.Reply refused = api.patch("rooms/" + id, "{\"description\":\"x\"}");
    assertEquals(423, refused.status());
    assertEquals("ROOM_LOCKED", refused.object().getString("code"));
    assertEquals(423, api.delete("rooms/" + id).status());
    assertEquals(423, api.post("rooms/" + id + "/frames", "{\"count\":1}").status());
    assertEquals(200, api.get("rooms/" + id).status(), "still there");
    assertFalse(api.patch("rooms/" + id, "{\"locked\":false}").object().getBoolean("locked"));
    assertEquals(204, api.delete("rooms/" + id).status());
  }

  @Test
  void updateCarriesOnlyChangedFieldsToOverviewAndRoom_F0_4() throws Exception {
    String id = createRoom("diff");
    try (WsClient overview = connect();
        WsClient viewer = connect()) {
      overview.send("join:overview", null, null, null);
      overview.await("ack:join");
      viewer.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
      viewer.await("ack:join");

      rest().patch("rooms/" + id, "{\"description\":\"Updated desc\",\"locked\":true}");
      for (WsClient client : List.of(overview, viewer)) {
        JsonObject data =
            client
                .await(
                    "room:update",
                    m -> id.equals(m.getJsonObject("data").getString("roomId")),
                    Duration.ofSeconds(5))
                .getJsonObject("data");
        assertEquals(Set.of("roomId", "description", "locked"), data.keySet());
        assertEquals("Updated desc", data.getString("description"));
        assertTrue(data.getBoolean("locked"));
      }
    }
  }

  @Test
  void changeThatChangesNothingEmitsNothing_F0_4() throws Exception {
    String id = createRoom("noop");
    rest().patch("rooms/" + id, "{\"description\":\"same\"}");
    try (WsClient viewer = connect()) {
      viewer.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
      viewer.await("ack:join");
      assertEquals(
          200, rest().patch("rooms/" + id, "{\"description\":\"same\",\"hidden\":false}").status());
      rest().post("rooms/" + id + "/events", "{\"type\":\"frame_update\",\"data\":{\"marker\":1}}");
      List<JsonObject> seen = viewer.drain(Duration.ofSeconds(1));
      assertEquals(
          List.of("frame_update"),
          seen.stream()
              .map(m -> m.getString("type"))
              .filter(type -> !type.startsWith("user-"))
              .toList(),
          "only the marker event, no room:update");
    }
  }

  @Test
  void createAndDeleteAreAnnounced_F0_4() throws Exception {
    try (WsClient overview = connect()) {
      overview.send("join:overview", null, null, null);
      overview.await("ack:join");
      String id = uniqueRoomId("lifecycle");
      rest().post("rooms", "{\"id\":\"" + id + "\",\"description\":\"New Room\"}");
      JsonObject created =
          overview
              .await(
                  "room:update",
                  m -> id.equals(m.getJsonObject("data").getString("roomId")),
                  Duration.ofSeconds(5))
              .getJsonObject("data");
      assertTrue(created.getBoolean("created"));
      assertEquals("New Room", created.getString("description"));
      assertEquals(0, created.getInt("frameCount"));

      try (WsClient viewer = connect()) {
        viewer.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
        viewer.await("ack:join");
        rest().delete("rooms/" + id);
        for (WsClient client : List.of(overview, viewer)) {
          JsonObject deleted = client.await("room:delete").getJsonObject("data");
          assertEquals(Set.of("roomId"), deleted.keySet());
          assertEquals(id, deleted.getString("roomId"));
        }
      }
    }
  }

  @Test
  void changingDefaultRoomUpdatesOldAndNew_F0_4() throws Exception {
    String first = createRoom("default-a");
    String second = createRoom("default-b");
    try (WsClient overview = connect()) {
      overview.send("join:overview", null, null, null);
      overview.await("ack:join");
      assertEquals(
          first,
          rest()
              .put("default-room", "{\"roomId\":\"" + first + "\"}")
              .object()
              .getString("roomId"));
      JsonObject on =
          overview
              .await(
                  "room:update",
                  m -> first.equals(m.getJsonObject("data").getString("roomId")),
                  Duration.ofSeconds(5))
              .getJsonObject("data");
      assertEquals(Set.of("roomId", "isDefault"), on.keySet());
      assertTrue(on.getBoolean("isDefault"));

      rest().put("default-room", "{\"roomId\":\"" + second + "\"}");
      List<JsonObject> updates =
          overview.drain(Duration.ofSeconds(1)).stream()
              .filter(m -> "room:update".equals(m.getString("type")))
              .map(m -> m.getJsonObject("data"))
              .toList();
      assertEquals(2, updates.size(), "one update for the old default, one for the new");
      assertEquals(first, updates.get(0).getString("roomId"));
      assertFalse(updates.get(0).getBoolean("isDefault"));
      assertEquals(second, updates.get(1).getString("roomId"));
      assertTrue(updates.get(1).getBoolean("isDefault"));
      assertTrue(rest().get("rooms/" + second).object().getBoolean("isDefault"));
      assertFalse(rest().get("rooms/" + first).object().getBoolean("isDefault"));
      assertEquals(404, rest().put("default-room", "{\"roomId\":\"missing-room\"}").status());
    }
  }

  @Test
  void frameCountChangesAreBroadcast_F0_7() throws Exception {
    String id = createRoom("frames");
    try (WsClient viewer = connect()) {
      viewer.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
      viewer.await("ack:join");
      assertEquals(
          120,
          rest().post("rooms/" + id + "/frames", "{\"count\":120}").object().getInt("frameCount"));
      JsonObject appended = viewer.await("room:update").getJsonObject("data");
      assertEquals(Set.of("roomId", "frameCount"), appended.keySet());
      assertEquals(120, appended.getInt("frameCount"));
      assertEquals(
          100, rest().delete("rooms/" + id + "/frames?count=20").object().getInt("frameCount"));
      assertEquals(100, viewer.await("room:update").getJsonObject("data").getInt("frameCount"));
      assertEquals(400, rest().delete("rooms/" + id + "/frames?count=500").status());
      assertEquals(400, rest().post("rooms/" + id + "/frames", "{\"count\":0}").status());
    }
  }

  @Test
  void backendPublishesRoomEventsOverRest_F0_8() throws Exception {
    String id = createRoom("backend");
    try (WsClient a = connect();
        WsClient b = connect()) {
      for (WsClient c : List.of(a, b)) {
        c.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
        c.await("ack:join");
      }
      RestClient.Reply published =
          rest()
              .post("rooms/" + id + "/events", "{\"type\":\"queue:update\",\"data\":{\"jobs\":3}}");
      assertEquals(202, published.status());
      long roomSeq = published.object().getJsonNumber("roomSeq").longValue();
      for (WsClient c : List.of(a, b)) {
        JsonObject event = c.await("queue:update");
        assertEquals(3, event.getJsonObject("data").getInt("jobs"));
        assertEquals(roomSeq, event.getJsonNumber("roomSeq").longValue());
      }
      RestClient.Reply refused =
          rest().post("rooms/" + id + "/events", "{\"type\":\"room:update\",\"data\":{}}");
      assertEquals(400, refused.status());
      assertEquals("UNKNOWN_TYPE", refused.object().getString("code"));
      assertEquals(
          404, rest().post("rooms/missing-room/events", "{\"type\":\"queue:update\"}").status());
    }
  }

  private static Set<String> ids(RestClient.Reply list) {
    return list.body().asJsonArray().stream()
        .map(v -> v.asJsonObject().getString("id"))
        .collect(Collectors.toSet());
  }
}
