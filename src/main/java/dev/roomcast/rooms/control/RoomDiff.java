package dev.roomcast.rooms.control;

import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.rooms.entity.RoomMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code room:update} payload between two versions of a room: {@code roomId} plus only the
 * fields whose JSON differs (F0.4). Works on the JSON-B form, so a field added to {@link
 * RoomMetadata} is diffed without touching this class.
 */
@ApplicationScoped
public class RoomDiff {

  private MessageCodec codec;

  protected RoomDiff() {}

  @Inject
  public RoomDiff(MessageCodec codec) {
    this.codec = codec;
  }

  /** The changed fields, or empty if nothing a client can see changed. */
  public Optional<JsonObject> between(RoomMetadata before, RoomMetadata after) {
    JsonObject old = codec.toJsonObject(before);
    JsonObjectBuilder diff = codec.objectBuilder().add("roomId", after.id());
    boolean changed = false;
    for (Map.Entry<String, JsonValue> field : codec.toJsonObject(after).entrySet()) {
      if (!"id".equals(field.getKey())
          && !Objects.equals(old.get(field.getKey()), field.getValue())) {
        diff.add(field.getKey(), field.getValue());
        changed = true;
      }
    }
    return changed ? Optional.of(diff.build()) : Optional.empty();
  }

  /** The payload announcing a new room: {@code created: true} and every field. */
  public JsonObject created(RoomMetadata room) {
    JsonObjectBuilder payload = codec.objectBuilder().add("roomId", room.id()).add("created", true);
    codec
        .toJsonObject(room)
        .forEach(
            (k, v) -> {
              if (!"id".equals(k)) {
                payload.add(k, v);
              }
            });
    return payload.build();
  }
}
