package dev.roomcast.socketio.control;

import dev.roomcast.socketio.entity.SeedEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * The seeds' own client events that roomcast names differently (docs/protocol.md, section 19): seed
 * 001's legacy {@code subscribe:job}/{@code unsubscribe:job} and seed 002's playlist joins become
 * roomcast's joins and leaves, and seed 002's {@code client_op_id} its {@code clientOpId}, so those
 * clients run unchanged. Every other name passes as it is. Only on {@code /socket.io/}: a {@code
 * /ws} client speaks roomcast's names.
 */
public final class SeedAliases {

  private static final JsonProvider JSON = JsonProvider.provider();

  private SeedAliases() {}

  /** The roomcast request for event {@code name} with its first argument {@code data}. */
  public static SeedEvent map(String name, JsonValue data) {
    return switch (name) {
      case "subscribe:job" -> new SeedEvent("join", JsonValue.NULL, jobRoom(data));
      case "unsubscribe:job" -> new SeedEvent("leave", JsonValue.NULL, jobRoom(data));
      case "join:playlists" -> new SeedEvent("join:overview", data, null);
      case "leave:playlists" -> new SeedEvent("leave:overview", data, null);
      case "join:playlist" -> new SeedEvent("join:room", playlist(data), null);
      case "leave:playlist" -> new SeedEvent("leave:room", playlist(data), null);
      default -> new SeedEvent(name, data, null);
    };
  }

  /** Seed 001 sends the job id itself ({@code emit('subscribe:job', jobId)}) or {@code {jobId}}. */
  private static String jobRoom(JsonValue data) {
    String jobId = null;
    if (data instanceof JsonString text) {
      jobId = text.getString();
    } else if (data instanceof JsonObject fields && fields.get("jobId") instanceof JsonString id) {
      jobId = id.getString();
    }
    // no id: a room no kind accepts, refused with INVALID_ROOM like any bad room
    return "all".equals(jobId) ? "all-jobs" : "job:" + jobId;
  }

  /** Seed 002's {@code {playlist_id}} is roomcast's {@code {roomId}}. */
  private static JsonValue playlist(JsonValue data) {
    if (!(data instanceof JsonObject fields)
        || !(fields.get("playlist_id") instanceof JsonString)) {
      return data;
    }
    return JSON.createObjectBuilder(fields).add("roomId", fields.get("playlist_id")).build();
  }
}
