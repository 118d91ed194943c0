package dev.roomcast.socketio.control;

import dev.roomcast.connection.control.FrameSink;
import dev.roomcast.connection.control.OutboundFrame;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands packets to a sink in runs it takes ({@link FrameSink#batchLimit()}), one run after the
 * other, and reports once: one envelope may become two packets, and a WebSocket sink without the
 * fast path takes one frame per send.
 */
final class PacketRuns {

  private PacketRuns() {}

  static void send(FrameSink target, List<OutboundFrame> packets, Consumer<Throwable> done) {
    send(target, packets, 0, done);
  }

  private static void send(
      FrameSink target, List<OutboundFrame> packets, int from, Consumer<Throwable> done) {
    int limit = Math.max(1, target.batchLimit());
    int to = Math.min(packets.size(), from + limit);
    if (from == 0 && to == packets.size()) {
      target.send(packets, done);
      return;
    }
    target.send(
        packets.subList(from, to),
        failure -> {
          if (failure != null || to == packets.size()) {
            done.accept(failure);
          } else {
            send(target, packets, to, done);
          }
        });
  }
}
