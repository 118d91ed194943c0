package dev.roomcast.socketio.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.connection.control.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Engine.IO's heartbeat (B9): a Socket.IO client gives up without pings however much it sends, so a
 * busy connection is pinged too; a polling session that never connected is dropped.
 */
class EngineHeartbeatTest {

  private final List<String> written = new ArrayList<>();
  private final FrameSink session =
      new FrameSink() {
        @Override
        public String id() {
          return "s";
        }

        @Override
        public void send(List<OutboundFrame> frames, Consumer<Throwable> done) {
          frames.forEach(frame -> written.add(frame.text()));
          done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
          written.add("closed " + code);
        }
      };

  private EngineHeartbeat heartbeat() {
    EngineHeartbeat heartbeat = new EngineHeartbeat();
    heartbeat.sessions = new SocketIoSessions();
    heartbeat.polling = new PollingSessions();
    heartbeat.settings = Settings.defaults();
    return heartbeat;
  }

  @Test
  void aClientThatKeepsSendingIsStillPingedEveryInterval_B9() {
    EngineHeartbeat heartbeat = heartbeat();
    SocketIoSink sink = new SocketIoSink(session);
    Connection connection = new Connection("s", new Outbox(sink, 16));
    // busy: it was heard just now, which keeps the transport ping of /ws from probing it
    connection.inbound(System.currentTimeMillis());
    sink.admitted(connection);
    heartbeat.sessions.add(sink);
    heartbeat.tick(60_000);
    assertTrue(written.isEmpty(), "pinged less than an interval ago");
    heartbeat.tick(0);
    assertEquals(List.of("2"), written);
  }

  @Test
  void aPollingSessionThatNeverConnectedIsDroppedOnceItStopsPolling_B9() {
    EngineHeartbeat heartbeat = heartbeat();
    PollingTransport transport = new PollingTransport("p");
    SocketIoSink sink = new SocketIoSink(transport);
    SocketIoSession conversation =
        new SocketIoSession(sink, Map.of(), null, null, null, null, null, null, null);
    heartbeat.polling.add(new PollingSession("p", transport, sink, conversation));
    heartbeat.tick(25_000);
    assertEquals(1, heartbeat.polling.all().size(), "it polled just now");
    // an interval that makes pingInterval + pingTimeout zero: it has been silent for that long
    heartbeat.tick(-Settings.defaults().transportPongTimeout().toMillis());
    assertTrue(transport.isClosed());
    assertTrue(heartbeat.polling.all().isEmpty(), "gone from the registry");
  }

  @Test
  void aSocketThatNeverSendsConnectIsClosedAfterPingIntervalAndTimeout_B9() {
    EngineHeartbeat heartbeat = heartbeat();
    SocketIoSink waiting = new SocketIoSink(session);
    heartbeat.sessions.awaitConnect(waiting);
    heartbeat.tick(25_000);
    assertTrue(written.isEmpty(), "it opened just now");
    heartbeat.tick(-Settings.defaults().transportPongTimeout().toMillis());
    assertEquals(List.of("closed 4010"), written);

    SocketIoSink connected = new SocketIoSink(session);
    heartbeat.sessions.awaitConnect(connected);
    connected.admitted(new Connection("c", new Outbox(connected, 16)));
    heartbeat.sessions.add(connected);
    assertEquals(List.of(waiting), List.copyOf(heartbeat.sessions.awaitingConnect()));
  }
}
