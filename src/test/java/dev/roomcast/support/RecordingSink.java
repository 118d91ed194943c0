package dev.roomcast.support;

import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
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
  private final Queue<OutboundFrame> frames = new ConcurrentLinkedQueue<>();
  public volatile Integer closeCode;

  public RecordingSink(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void send(List<OutboundFrame> sent, Consumer<Throwable> done) {
    frames.addAll(sent);
    done.accept(null);
  }

  @Override
  public void close(int code, String reason) {
    closeCode = code;
  }

  /** The frames sent so far, in order. */
  public List<String> frames() {
    return frames.stream().map(OutboundFrame::text).collect(Collectors.toList());
  }

  /** The frame objects sent so far, in order. */
  public List<OutboundFrame> sentFrames() {
    return new ArrayList<>(frames);
  }

  public List<JsonObject> messages() {
    return frames.stream()
        .map(f -> Json.createReader(new StringReader(f.text())).readObject())
        .collect(Collectors.toList());
  }

  public List<JsonObject> ofType(String type) {
    return messages().stream()
        .filter(m -> type.equals(m.getString("type")))
        .collect(Collectors.toList());
  }
}
