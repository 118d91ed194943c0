package dev.roomcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.socketio.control.PollingTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Engine.IO long-polling under the outbox (B9): a send completes when a poll took it. */
class PollingTransportTest {

  private static final class Poll implements PollingTransport.Poll {
    String body;

    @Override
    public void answer(String packets) {
      body = packets;
    }
  }

  @Test
  void aSendWaitsForThePollThatTakesIt_B9() {
    PollingTransport transport = new PollingTransport("s");
    AtomicReference<Throwable> done = new AtomicReference<>();
    AtomicBoolean completed = new AtomicBoolean();
    transport.send(
        List.of(new OutboundFrame("2"), new OutboundFrame("42[\"a\"]")),
        failure -> {
          completed.set(true);
          done.set(failure);
        });
    assertTrue(!completed.get(), "nobody polled yet");
    Poll poll = new Poll();
    transport.poll(poll);
    assertEquals("2\u001e42[\"a\"]", poll.body);
    assertTrue(completed.get());
    assertNull(done.get());
  }

  @Test
  void aParkedPollIsAnsweredBySendTimeoutOrClose_B9() {
    PollingTransport transport = new PollingTransport("s");
    Poll first = new Poll();
    transport.poll(first);
    assertNull(first.body);
    transport.send(List.of(new OutboundFrame("42[\"b\"]")), failure -> {});
    assertEquals("42[\"b\"]", first.body);
    Poll second = new Poll();
    transport.poll(second);
    transport.expire(second);
    assertEquals("6", second.body, "a poll whose time is up ends with a noop");
    Poll third = new Poll();
    transport.poll(third);
    AtomicBoolean gone = new AtomicBoolean();
    transport.whenGone(() -> gone.set(true));
    transport.close(1000, "bye");
    assertEquals("1", third.body);
    assertTrue(gone.get());
    AtomicReference<Throwable> refused = new AtomicReference<>();
    transport.send(List.of(new OutboundFrame("42[]")), refused::set);
    assertNotNull(refused.get(), "nothing is sent after the close");
  }

  @Test
  void theUpgradeMovesTheWaitingBatchAndLaterSendsToTheWebSocket_B9() {
    PollingTransport transport = new PollingTransport("s");
    Poll parked = new Poll();
    transport.poll(parked);
    transport.send(List.of(new OutboundFrame("42[\"x\"]")), failure -> {});
    AtomicBoolean done = new AtomicBoolean();
    transport.send(
        List.of(new OutboundFrame("42[\"y\"]"), new OutboundFrame("42[\"z\"]")),
        failure -> done.set(true));
    OneAtATime websocket = new OneAtATime();
    assertTrue(transport.upgrade(websocket));
    assertTrue(!transport.upgrade(new OneAtATime()), "one upgrade per session");
    assertEquals(
        List.of("42[\"y\"]", "42[\"z\"]"), websocket.texts, "one frame per send, in order");
    assertTrue(done.get());
    transport.send(List.of(new OutboundFrame("2")), failure -> {});
    assertEquals("2", websocket.texts.get(2));
    AtomicBoolean gone = new AtomicBoolean();
    transport.whenGone(() -> gone.set(true));
    websocket.goneListener.run();
    assertTrue(gone.get(), "gone with the WebSocket");
  }

  private static final class OneAtATime implements FrameSink {
    final List<String> texts = new ArrayList<>();
    Runnable goneListener = () -> {};

    @Override
    public String id() {
      return "ws";
    }

    @Override
    public void send(List<OutboundFrame> frames, Consumer<Throwable> done) {
      texts.add(frames.get(0).text());
      done.accept(null);
    }

    @Override
    public void close(int code, String reason) {}

    @Override
    public void whenGone(Runnable gone) {
      goneListener = gone;
    }
  }
}
