package dev.roomcast.support;

import dev.roomcast.connection.control.FrameSink;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A sink that completes every send at once and keeps what was sent, for unit tests. */
public class RecordingSink implements FrameSink {

  private final String id;
  private final Queue<String> frames = new ConcurrentLinkedQueue<>();
  public volatile Integer closeCode;

  public RecordingSink(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    frames.add(text);
    done.accept(null);
  }

  @Override
  public void close(int code, String reason) {
    closeCode = code;
  }

  /** The frames sent so far, in order. */
  public List<String> frames() {
    return new ArrayList<>(frames);
  }

  public List<JsonObject> messages() {
    return frames.stream()
        .map(f -> Json.createReader(new StringReader(f)).readObject())
        .collect(Collectors.toList());
  }

  public List<JsonObject> ofType(String type) {
    return messages().stream()
        .filter(m -> type.equals(m.getString("type")))
        .collect(Collectors.toList());
  }
}
