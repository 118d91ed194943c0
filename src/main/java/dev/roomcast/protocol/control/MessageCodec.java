package dev.roomcast.protocol.control;

import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ClientRequest;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.protocol.entity.ServerEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * The one stateless JSON-B codec for everything that crosses the socket: envelopes in, envelopes
 * out, and models turned into JSON objects for diffing.
 */
@ApplicationScoped
public class MessageCodec {

  private static final int MAX_DETAIL = 200;

  private Jsonb jsonb;
  // json.createReader() looks the provider up through ServiceLoader on every call, which on Payara
  // scans the application's class loaders: once per process is enough
  private final JsonProvider json = JsonProvider.provider();

  protected MessageCodec() {}

  /** A codec writing and binding through {@code jsonb}, which its owner closes. */
  @Inject
  public MessageCodec(Jsonb jsonb) {
    this.jsonb = jsonb;
  }

  /** Reads a client frame; anything that is not a well-formed envelope is rejected with a code. */
  public ClientEnvelope decode(String text) {
    JsonValue value;
    try (JsonReader reader = json.createReader(new StringReader(text))) {
      value = reader.readValue();
    } catch (JsonException | IllegalStateException e) {
      throw new RequestRejected(ErrorCode.INVALID_JSON, "Malformed JSON: " + brief(e));
    } catch (RuntimeException e) {
      // Parsson refuses input nested deeper than its limit with a bare RuntimeException (B3)
      throw new RequestRejected(ErrorCode.INVALID_JSON, "Unreadable JSON: " + brief(e));
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "A message must be a JSON object");
    }
    JsonObject message = value.asJsonObject();
    String clientOpId = optionalText(message, "clientOpId");
    String type = optionalText(message, "type");
    if (type == null || type.isBlank()) {
      throw new RejectedWithOpId(clientOpId, ErrorCode.INVALID_REQUEST, "Missing field: type");
    }
    JsonValue data = message.get("data");
    if (data != null
        && data.getValueType() != JsonValue.ValueType.OBJECT
        && data != JsonValue.NULL) {
      throw new RejectedWithOpId(
          clientOpId, ErrorCode.INVALID_REQUEST, "Field data must be a JSON object");
    }
    return new ClientEnvelope(
        type,
        optionalText(message, "room"),
        clientOpId,
        data == null || data == JsonValue.NULL ? JsonValue.EMPTY_JSON_OBJECT : data.asJsonObject());
  }

  /** Reads a JSON object that is not an envelope, e.g. a handshake parameter. */
  public JsonObject decodeObject(String text) {
    try (JsonReader reader = json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new RequestRejected(ErrorCode.INVALID_JSON, "Malformed JSON object: " + brief(e));
    }
  }

  /** Binds a request's data to the record its type names. */
  public <T extends ClientRequest> T bind(JsonObject data, Class<T> type) {
    try {
      return jsonb.fromJson(data.toString(), type);
    } catch (JsonbException e) {
      throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Invalid data: " + brief(e));
    }
  }

  /** Writes an outgoing envelope; called once per event, however many receive it. */
  public String encode(ServerEnvelope envelope) {
    return jsonb.toJson(envelope);
  }

  /** A model as a JSON object, nulls included, so two versions can be compared field by field. */
  public JsonObject toJsonObject(Object model) {
    try (JsonReader reader = json.createReader(new StringReader(jsonb.toJson(model)))) {
      return reader.readObject();
    }
  }

  /** A builder for JSON objects built by hand, e.g. diffs. */
  public JsonObjectBuilder objectBuilder() {
    return json.createObjectBuilder();
  }

  private static String optionalText(JsonObject message, String field) {
    JsonValue value = message.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonString text) {
      return text.getString();
    }
    if (value.getValueType() == JsonValue.ValueType.NUMBER && "clientOpId".equals(field)) {
      return value.toString();
    }
    throw new RequestRejected(ErrorCode.INVALID_REQUEST, "Field " + field + " must be a string");
  }

  private static String brief(Exception e) {
    String message = String.valueOf(e.getMessage());
    return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "..." : message;
  }

  /** A rejection found after the clientOpId was read, so the error can still name the request. */
  public static final class RejectedWithOpId extends RequestRejected {
    private static final long serialVersionUID = 1L;
    private final String clientOpId;

    RejectedWithOpId(String clientOpId, ErrorCode code, String message) {
      super(code, message);
      this.clientOpId = clientOpId;
    }

    public String clientOpId() {
      return clientOpId;
    }
  }
}
