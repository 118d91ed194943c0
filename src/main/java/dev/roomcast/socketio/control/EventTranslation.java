package dev.roomcast.socketio.control;

import dev.roomcast.socketio.entity.InboundPacket;
import dev.roomcast.socketio.entity.MalformedPacket;
import dev.roomcast.socketio.entity.SeedEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * Turns a client's Socket.IO EVENT into the roomcast envelope {@code /ws} takes, so it goes through
 * the same dispatcher, rate limit and handlers (docs/protocol.md, section 19): {@code 42["<type>",
 * data]} becomes {@code {type, data}}; {@code room} and {@code clientOpId} found in {@code data}
 * move into the envelope; an ack id n becomes the clientOpId {@code sio:<n>}, whose {@code
 * ack:op}/{@code err:op} the {@link Rendering} turns back into the ACK.
 */
public final class EventTranslation {

  private static final JsonProvider JSON = JsonProvider.provider();

  private EventTranslation() {}

  /**
   * The envelope for {@code event}; a packet that is no event array is a {@link MalformedPacket}.
   */
  public static String envelope(InboundPacket packet) {
    JsonArray args = array(packet.payload());
    if (args.isEmpty() || args.get(0).getValueType() != JsonValue.ValueType.STRING) {
      throw new MalformedPacket("An event's array starts with its name");
    }
    SeedEvent event =
        SeedAliases.map(
            ((JsonString) args.get(0)).getString(), args.size() > 1 ? args.get(1) : JsonValue.NULL);
    JsonValue data = event.data();
    // not an object: the dispatcher answers INVALID_REQUEST, as on /ws
    JsonObjectBuilder envelope =
        JSON.createObjectBuilder().add("type", event.type()).add("data", data);
    if (event.room() != null) {
      envelope.add("room", event.room());
    }
    if (data.getValueType() == JsonValue.ValueType.OBJECT) {
      JsonObject fields = data.asJsonObject();
      if (event.room() == null && fields.get("room") instanceof JsonString room) {
        envelope.add("room", room);
      }
      // seed 002 names it client_op_id
      JsonValue opId =
          fields.containsKey("clientOpId") ? fields.get("clientOpId") : fields.get("client_op_id");
      if (opId instanceof JsonString || opId instanceof JsonNumber) {
        envelope.add("clientOpId", opId);
      }
    }
    if (packet.ackId() != null) {
      envelope.add("clientOpId", Rendering.ACK_PREFIX + packet.ackId());
    }
    return envelope.build().toString();
  }

  /** CONNECT's auth object; empty when the packet has none. */
  public static JsonObject auth(InboundPacket connect) {
    if (connect.payload() == null) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = JSON.createReader(new StringReader(connect.payload()))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new MalformedPacket("CONNECT's auth is not a JSON object");
    }
  }

  private static JsonArray array(String payload) {
    try (JsonReader reader = JSON.createReader(new StringReader(payload))) {
      return reader.readArray();
    } catch (JsonException | IllegalStateException e) {
      throw new MalformedPacket("An event's payload is not a JSON array");
    } catch (RuntimeException e) {
      // Parsson refuses input nested deeper than its limit with a bare RuntimeException
      throw new MalformedPacket("An event's payload is unreadable JSON");
    }
  }
}
