package dev.roomcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
import dev.roomcast.socketio.control.EventTranslation;
import dev.roomcast.socketio.control.PacketReader;
import dev.roomcast.socketio.control.RenderedEvent;
import dev.roomcast.socketio.control.Rendering;
import dev.roomcast.socketio.control.SocketIoSink;
import dev.roomcast.socketio.entity.InboundPacket;
import dev.roomcast.socketio.entity.InboundPacket.Kind;
import dev.roomcast.socketio.entity.MalformedPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Engine.IO v4 / Socket.IO v5 packets in and out (B9, docs/protocol.md section 19). */
class SocketIoPacketsTest {

  @Test
  void readsWhatAWebSocketClientSends_B9() {
    assertEquals(Kind.PONG, PacketReader.read("3").kind());
    assertEquals(Kind.CLOSE, PacketReader.read("1").kind());
    InboundPacket connect = PacketReader.read("40{\"token\":\"t\"}");
    assertEquals(Kind.CONNECT, connect.kind());
    assertEquals("{\"token\":\"t\"}", connect.payload());
    assertNull(PacketReader.read("40").payload());
    assertEquals("/admin", PacketReader.read("40/admin,").namespace());
    InboundPacket event = PacketReader.read("4217[\"join:room\",{\"roomId\":\"a\"}]");
    assertEquals(Kind.EVENT, event.kind());
    assertEquals(17L, event.ackId());
    assertEquals("[\"join:room\",{\"roomId\":\"a\"}]", event.payload());
    assertNull(PacketReader.read("42[\"x\"]").ackId());
    assertEquals(Kind.ACK, PacketReader.read("433[]").kind());
    assertEquals(Kind.DISCONNECT, PacketReader.read("41").kind());
    assertEquals(Kind.BINARY, PacketReader.read("451-[\"x\",{\"_placeholder\":true}]").kind());
  }

  @Test
  void refusesWhatNoClientSends_B9() {
    for (String bad :
        List.of(
            "",
            "x",
            "2",
            "4",
            "49",
            "42",
            "42{}",
            "43[]",
            "40[1]",
            "41x",
            "4212345678901234567[]")) {
      assertThrows(MalformedPacket.class, () -> PacketReader.read(bad), "'" + bad + "'");
    }
    for (String bad : List.of("[]", "[1]", "[\"x\"", "{\"a\":1}")) {
      assertThrows(
          MalformedPacket.class,
          () -> EventTranslation.envelope(new InboundPacket(Kind.EVENT, "/", null, bad)),
          bad);
    }
  }

  @Test
  void eventsBecomeEnvelopesAndAckIdsClientOpIds_B9() {
    assertEquals(
        "{\"type\":\"join:room\",\"data\":{\"roomId\":\"a\"},\"clientOpId\":\"sio:5\"}",
        EventTranslation.envelope(PacketReader.read("425[\"join:room\",{\"roomId\":\"a\"}]")));
    assertEquals(
        "{\"type\":\"lock:acquire\",\"data\":{\"room\":\"room:a\",\"clientOpId\":\"c1\"},"
            + "\"room\":\"room:a\",\"clientOpId\":\"c1\"}",
        EventTranslation.envelope(
            PacketReader.read("42[\"lock:acquire\",{\"room\":\"room:a\",\"clientOpId\":\"c1\"}]")));
    assertEquals(
        "{\"type\":\"client_ping\",\"data\":null}",
        EventTranslation.envelope(PacketReader.read("42[\"client_ping\"]")));
  }

  @Test
  void envelopesBecomeEventsAcksAndConnectAnswers_B9() {
    RenderedEvent update =
        Rendering.render(
            new OutboundFrame(
                "{\"type\":\"room:update\",\"room\":\"room:a\",\"roomSeq\":4,\"data\":{\"roomId\":\"a\"}}"));
    assertEquals(
        "42[\"room:update\",{\"roomId\":\"a\"},{\"room\":\"room:a\",\"roomSeq\":4}]",
        update.packets().get(0).text());
    assertEquals(
        "437[{\"success\":true,\"data\":{}}]",
        Rendering.render(
                new OutboundFrame(
                    "{\"type\":\"ack:op\",\"data\":{\"clientOpId\":\"sio:7\",\"success\":true,\"data\":{}}}"))
            .packets()
            .get(0)
            .text());
    assertTrue(
        Rendering.render(
                new OutboundFrame(
                    "{\"type\":\"ack:op\",\"data\":{\"clientOpId\":\"mine\",\"success\":true}}"))
            .packets()
            .get(0)
            .text()
            .startsWith("42[\"ack:op\""),
        "a client's own clientOpId is answered by an event");
    assertEquals(
        "420[\"ping\",{},{}]",
        Rendering.render(new OutboundFrame("{\"type\":\"ping\",\"data\":{}}"))
            .packets()
            .get(0)
            .text(),
        "the idle check's ping asks for an ack");
    List<OutboundFrame> status =
        Rendering.render(
                new OutboundFrame("{\"type\":\"connection_status\",\"data\":{\"sid\":\"n1-s1\"}}"))
            .packets();
    assertEquals("40{\"sid\":\"n1-s1\"}", status.get(0).text());
    assertTrue(status.get(1).text().startsWith("42[\"connection_status\""));
    assertEquals(
        "44{\"message\":\"Bad token\",\"data\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Bad token\"}}",
        Rendering.render(
                new OutboundFrame(
                    "{\"type\":\"error\",\"data\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Bad token\"}}"))
            .refusal()
            .text());
  }

  @Test
  void aBroadcastIsRenderedOnceForAllSocketIoMembers_B9() {
    OutboundFrame broadcast =
        new OutboundFrame("{\"type\":\"frame_update\",\"room\":\"room:a\",\"data\":{}}");
    Recording one = new Recording();
    Recording two = new Recording();
    new SocketIoSink(one).send(List.of(broadcast), failure -> {});
    new SocketIoSink(two).send(List.of(broadcast), failure -> {});
    assertSame(one.sent.get(0), two.sent.get(0), "the same packet, with its wire bytes, for both");
    assertSame(broadcast.variant(Rendering::render), broadcast.variant(Rendering::render));
  }

  @Test
  void theTransportPingIsEngineIoPingAndErrorsRefuseUntilConnected_B9() {
    Recording session = new Recording();
    SocketIoSink sink = new SocketIoSink(session);
    OutboundFrame error =
        new OutboundFrame("{\"type\":\"error\",\"data\":{\"code\":\"X\",\"message\":\"m\"}}");
    sink.send(List.of(OutboundFrame.PING, error), failure -> {});
    assertEquals("2", session.sent.get(0).text());
    assertTrue(session.sent.get(1).text().startsWith("44"));
    sink.send(
        List.of(new OutboundFrame("{\"type\":\"connection_status\",\"data\":{\"sid\":\"s\"}}")),
        failure -> {});
    sink.send(List.of(error), failure -> {});
    assertTrue(session.sent.get(session.sent.size() - 1).text().startsWith("42[\"error\""));
  }

  @Test
  void aSessionTakingOneFrameAtATimeGetsThemInOrder_B9() {
    Recording session = new Recording();
    AtomicInteger done = new AtomicInteger();
    new SocketIoSink(session)
        .send(
            List.of(new OutboundFrame("{\"type\":\"connection_status\",\"data\":{\"sid\":\"s\"}}")),
            failure -> done.incrementAndGet());
    assertEquals(2, session.sent.size());
    assertEquals(2, session.sends);
    assertEquals(1, done.get(), "the outbox hears once, when both are out");
  }

  @Test
  void aPublicRoomsNamespaceIsInEveryPacketAndBuiltOnce_B9() {
    OutboundFrame joined =
        new OutboundFrame(
            "{\"type\":\"user-joined\",\"room\":\"room:r\",\"data\":{\"userId\":\"u\"}}");
    Recording session = new Recording();
    SocketIoSink sink = new SocketIoSink(session);
    sink.namespace("/public-room/r");
    sink.send(
        List.of(
            new OutboundFrame("{\"type\":\"connection_status\",\"data\":{\"sid\":\"s\"}}"), joined),
        failure -> {});
    assertEquals("40/public-room/r,{\"sid\":\"s\"}", session.sent.get(0).text());
    assertEquals(
        "42/public-room/r,[\"user-joined\",{\"userId\":\"u\"},{\"room\":\"room:r\"}]",
        session.sent.get(2).text());
    RenderedEvent rendered = joined.variant(Rendering::render);
    assertSame(rendered.in("/public-room/r"), rendered.in("/public-room/r"));
    assertSame(rendered, rendered.in("/"));
  }

  @Test
  void seedEventNamesBecomeRoomcastRequests_B9() {
    assertEquals(
        "{\"type\":\"join\",\"data\":null,\"room\":\"job:0123456789abcdef01234567\"}",
        EventTranslation.envelope(
            PacketReader.read("42[\"subscribe:job\",\"0123456789abcdef01234567\"]")));
    assertEquals(
        "{\"type\":\"leave\",\"data\":null,\"room\":\"all-jobs\"}",
        EventTranslation.envelope(
            PacketReader.read("42[\"unsubscribe:job\",{\"jobId\":\"all\"}]")));
    assertEquals(
        "{\"type\":\"join:overview\",\"data\":null}",
        EventTranslation.envelope(PacketReader.read("42[\"join:playlists\"]")));
    assertEquals(
        "{\"type\":\"join:room\",\"data\":{\"playlist_id\":\"p1\",\"client_op_id\":\"c9\","
            + "\"roomId\":\"p1\"},\"clientOpId\":\"c9\"}",
        EventTranslation.envelope(
            PacketReader.read(
                "42[\"join:playlist\",{\"playlist_id\":\"p1\",\"client_op_id\":\"c9\"}]")));
  }

  /** A session that takes one frame per send and completes at once. */
  private static final class Recording implements FrameSink {
    final List<OutboundFrame> sent = new ArrayList<>();
    int sends;

    @Override
    public String id() {
      return "s";
    }

    @Override
    public void send(List<OutboundFrame> frames, Consumer<Throwable> done) {
      sends++;
      sent.addAll(frames);
      done.accept(null);
    }

    @Override
    public void close(int code, String reason) {}
  }
}
