package dev.roomcast.socketio.control;

import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.protocol.entity.EventTypes;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * Turns a roomcast envelope into Socket.IO packets (docs/protocol.md, section 19): an event becomes
 * {@code 42["<type>", data, meta]} (the envelope's {@code data} first, so a handler written for
 * Socket.IO gets the payload as its first argument, and the rest of the envelope, {@code room},
 * {@code roomSeq}, {@code serverSeq}, {@code timestamp}, {@code eventId}, second); the {@code
 * ack:op}/{@code err:op} of an event the client sent with an ack id becomes its ACK {@code
 * 43<id>[reply]}; the idle check's {@code ping} asks for an ack ({@code 420["ping", ...]}); {@code
 * connection_status} is preceded by CONNECT's answer {@code 40{"sid"}}. Pure: the result depends on
 * the envelope only, so it is built once per message ({@link OutboundFrame#variant}) and shared by
 * every Socket.IO member.
 */
public final class Rendering {

  /** The clientOpId given to a request that came with ack id n: {@code sio:<n>}. */
  public static final String ACK_PREFIX = "sio:";

  /** Engine.IO's ping, sent where the outbox sends a WebSocket ping. */
  public static final OutboundFrame PING = new OutboundFrame("2");

  /** Socket.IO's DISCONNECT: the server ends the session; the client does not reconnect. */
  public static final OutboundFrame DISCONNECT = new OutboundFrame("41");

  /**
   * The ack id of the idle check's {@code ping}: the client's ACK {@code 430[]} answers it; its
   * only meaning is that the client is there, so one id serves every ping.
   */
  public static final int PING_ACK_ID = 0;

  private static final JsonProvider JSON = JsonProvider.provider();

  private Rendering() {}

  /** The Socket.IO form of {@code frame}: pass it to {@link OutboundFrame#variant}. */
  public static RenderedEvent render(OutboundFrame frame) {
    JsonObject envelope;
    try (JsonReader reader = JSON.createReader(new StringReader(frame.text()))) {
      envelope = reader.readObject();
    }
    String type = envelope.getString("type");
    JsonValue data = envelope.getOrDefault("data", JsonValue.NULL);
    JsonObjectBuilder meta = JSON.createObjectBuilder();
    for (Map.Entry<String, JsonValue> field : envelope.entrySet()) {
      if (!field.getKey().equals("type") && !field.getKey().equals("data")) {
        meta.add(field.getKey(), field.getValue());
      }
    }
    // the idle check's ping asks for an ack, which answers it as a pong would (F4.3)
    String event =
        (type.equals(EventTypes.PING) ? "42" + PING_ACK_ID + "[" : "42[")
            + JSON.createValue(type)
            + ","
            + data
            + ","
            + meta.build()
            + "]";
    Long ackId = ackIdOf(type, data);
    if (ackId != null) {
      JsonObjectBuilder reply = JSON.createObjectBuilder(data.asJsonObject());
      reply.remove("clientOpId");
      return new RenderedEvent(
          type, List.of(new OutboundFrame("43" + ackId + "[" + reply.build() + "]")), null);
    }
    if (type.equals(EventTypes.CONNECTION_STATUS)) {
      String sid = data.asJsonObject().getString("sid");
      String connected = "40" + JSON.createObjectBuilder().add("sid", sid).build();
      return new RenderedEvent(
          type, List.of(new OutboundFrame(connected), new OutboundFrame(event)), null);
    }
    OutboundFrame refusal = null;
    if (type.equals(EventTypes.ERROR) && data.getValueType() == JsonValue.ValueType.OBJECT) {
      JsonObject error = data.asJsonObject();
      refusal =
          new OutboundFrame(
              "44"
                  + JSON.createObjectBuilder()
                      .add("message", error.getString("message", ""))
                      .add(
                          "data",
                          JSON.createObjectBuilder()
                              .add("code", error.getString("code", ""))
                              .add("message", error.getString("message", "")))
                      .build());
    }
    return new RenderedEvent(type, List.of(new OutboundFrame(event)), refusal);
  }

  /**
   * {@code packet} (a Socket.IO packet, {@code 4x...}) addressed to {@code namespace}: {@code
   * 4x<namespace>,...}.
   */
  public static OutboundFrame inNamespace(OutboundFrame packet, String namespace) {
    String text = packet.text();
    return new OutboundFrame(text.substring(0, 2) + namespace + "," + text.substring(2));
  }

  /** The ack id of an {@code ack:op}/{@code err:op} answering an event sent with one, else null. */
  private static Long ackIdOf(String type, JsonValue data) {
    if (!(type.equals(EventTypes.ACK_OP) || type.equals(EventTypes.ERR_OP))
        || data.getValueType() != JsonValue.ValueType.OBJECT) {
      return null;
    }
    JsonValue opId = data.asJsonObject().get("clientOpId");
    if (!(opId instanceof JsonString text) || !text.getString().startsWith(ACK_PREFIX)) {
      return null;
    }
    try {
      return Long.parseLong(text.getString().substring(ACK_PREFIX.length()));
    } catch (NumberFormatException e) {
      // a client's own clientOpId that only looks like ours: an event, not an ack
      return null;
    }
  }
}
