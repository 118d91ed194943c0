package dev.roomcast.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket connection of the load generator, the same code for every server: frames are
 * parsed in place and a benchmark event's timestamp is read without decoding the frame to text.
 */
final class BenchClient {

  private static final String OCCUPANCY = "\"currentOccupancy\":";
  private static final byte[] TS = "\"ts\":".getBytes(StandardCharsets.US_ASCII);
  private static final int OP_CONTINUATION = 0;
  private static final int OP_TEXT = 1;
  private static final int OP_CLOSE = 8;
  private static final int OP_PING = 9;
  private static final int OP_PONG = 10;

  private final ClientLoop loop;
  private final Flavor flavor;
  private final Deliveries deliveries;
  private final CompletableFuture<BenchClient> ready = new CompletableFuture<>();
  private final AtomicInteger joinAcks = new AtomicInteger();
  // presence announcements (user-joined, user-left, presence:diff) and the highest occupancy seen
  private final AtomicInteger presenceFrames = new AtomicInteger();
  private volatile int maxOccupancy;
  private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
  private volatile SocketChannel channel;
  private boolean upgraded;
  // bytes of an unfinished frame (or of the HTTP answer) carried over to the next read
  private byte[] carry = new byte[0];
  private volatile boolean closed;

  private BenchClient(ClientLoop loop, Flavor flavor, Deliveries deliveries) {
    this.loop = loop;
    this.flavor = flavor;
    this.deliveries = deliveries;
  }

  /** Opens a connection; the future completes when the server's protocol handshake is done. */
  static CompletableFuture<BenchClient> open(
      ClientLoop loop, URI uri, Flavor flavor, Deliveries deliveries) {
    return start(loop, uri, null, flavor, deliveries).ready();
  }

  /**
   * Starts opening a connection from {@code source} (null: any) and returns the client at once, so
   * that a caller giving up on its handshake can still {@link #abort()} it; see {@link #ready()}.
   */
  static BenchClient start(
      ClientLoop loop, URI uri, InetAddress source, Flavor flavor, Deliveries deliveries) {
    BenchClient client = new BenchClient(loop, flavor, deliveries);
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    try {
      loop.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), source, path, client);
    } catch (IOException e) {
      client.failed(e);
    }
    return client;
  }

  /** Completes when the server's protocol handshake is done. */
  CompletableFuture<BenchClient> ready() {
    return ready;
  }

  void attach(SocketChannel channel) {
    this.channel = channel;
  }

  SocketChannel channel() {
    return channel;
  }

  /** Called on the loop thread with freshly read bytes. */
  void consume(ByteBuffer in) {
    ByteBuffer buf = in;
    if (carry.length > 0) {
      ByteBuffer joined = ByteBuffer.allocate(carry.length + in.remaining());
      joined.put(carry).put(in).flip();
      buf = joined;
      carry = new byte[0];
    }
    if (!upgraded) {
      int end = headerEnd(buf);
      if (end < 0) {
        keep(buf);
        return;
      }
      String status = new String(bytes(buf, buf.position(), 12), StandardCharsets.US_ASCII);
      if (!status.contains(" 101")) {
        failed(new IOException("upgrade refused: " + status));
        return;
      }
      buf.position(end);
      upgraded = true;
      if (!flavor.socketIo()) {
        ready.complete(this);
      }
    }
    while (buf.remaining() >= 2) {
      int start = buf.position();
      int b0 = buf.get(start) & 0xff;
      int b1 = buf.get(start + 1) & 0x7f;
      int header = 2;
      long length = b1;
      if (b1 == 126) {
        if (buf.remaining() < 4) {
          break;
        }
        length = buf.getShort(start + 2) & 0xffff;
        header = 4;
      } else if (b1 == 127) {
        if (buf.remaining() < 10) {
          break;
        }
        length = buf.getLong(start + 2);
        header = 10;
      }
      if (buf.remaining() < header + length) {
        break;
      }
      int from = start + header;
      int to = (int) (from + length);
      frame(b0 & 0x0f, buf, from, to);
      buf.position(to);
    }
    keep(buf);
  }

  private void frame(int opcode, ByteBuffer buf, int from, int to) {
    switch (opcode) {
      case OP_TEXT, OP_CONTINUATION -> {
        int ts = indexOf(buf, from, to);
        if (ts >= 0) {
          deliveries.received(to - from, parseLong(buf, ts + TS.length, to));
        } else {
          text(new String(bytes(buf, from, to - from), StandardCharsets.UTF_8));
        }
      }
      case OP_PING -> write(OP_PONG, bytes(buf, from, to - from));
      case OP_CLOSE -> closedByServer();
      default -> {}
    }
  }

  private void text(String text) {
    if (flavor.isJoinAck(text)) {
      joinAcks.incrementAndGet();
    } else if (text.contains("\"err:op\"")) {
      deliveries.refused();
    } else if (text.contains(OCCUPANCY)) {
      presenceFrames.incrementAndGet();
      int at = text.indexOf(OCCUPANCY) + OCCUPANCY.length();
      int end = at;
      while (end < text.length() && Character.isDigit(text.charAt(end))) {
        end++;
      }
      maxOccupancy = Math.max(maxOccupancy, Integer.parseInt(text.substring(at, end)));
    } else if (flavor.socketIo()) {
      if (text.equals("2")) {
        send("3");
      } else if (text.startsWith("0{")) {
        send("40");
      } else if (text.startsWith("40")) {
        ready.complete(this);
      }
    }
  }

  private static int indexOf(ByteBuffer buf, int from, int to) {
    outer:
    for (int i = from; i <= to - TS.length; i++) {
      for (int j = 0; j < TS.length; j++) {
        if (buf.get(i + j) != TS[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static long parseLong(ByteBuffer buf, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      int c = buf.get(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int headerEnd(ByteBuffer buf) {
    for (int i = buf.position(); i + 3 < buf.limit(); i++) {
      if (buf.get(i) == '\r' && buf.get(i + 1) == '\n' && buf.get(i + 2) == '\r'
          && buf.get(i + 3) == '\n') {
        return i + 4;
      }
    }
    return -1;
  }

  private static byte[] bytes(ByteBuffer buf, int from, int length) {
    byte[] out = new byte[Math.max(0, Math.min(length, buf.limit() - from))];
    buf.get(from, out);
    return out;
  }

  private void keep(ByteBuffer buf) {
    carry = bytes(buf, buf.position(), buf.remaining());
  }

  /** Sends a text frame; frames leave in the order they were sent. */
  void send(String text) {
    write(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  private void write(int opcode, byte[] payload) {
    if (closed) {
      return;
    }
    // client frames must be masked; a zero key leaves the payload as it is
    int header = payload.length < 126 ? 6 : 8;
    ByteBuffer frame = ByteBuffer.allocate(header + payload.length);
    frame.put((byte) (0x80 | opcode));
    if (payload.length < 126) {
      frame.put((byte) (0x80 | payload.length));
    } else {
      frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
    }
    frame.putInt(0).put(payload).flip();
    synchronized (this) {
      try {
        if (pending.isEmpty()) {
          channel.write(frame);
          if (!frame.hasRemaining()) {
            return;
          }
        }
        boolean first = pending.isEmpty();
        pending.add(frame);
        if (first) {
          loop.execute(this::wantWrite);
        }
      } catch (IOException e) {
        failed(e);
      }
    }
  }

  private void wantWrite() {
    SelectionKey key = channel.keyFor(loop.selector());
    if (key != null && key.isValid()) {
      key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }
  }

  /** Writes what is waiting once the socket accepts more. */
  synchronized void flush(SelectionKey key) throws IOException {
    while (!pending.isEmpty()) {
      ByteBuffer head = pending.peek();
      channel.write(head);
      if (head.hasRemaining()) {
        return;
      }
      pending.poll();
    }
    key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
  }

  void join(String room) {
    send(flavor.join(room));
  }

  void leave(String room) {
    send(flavor.leave(room));
  }

  void publish(String room, String data) {
    send(flavor.publish(room, data));
  }

  int joinAcks() {
    return joinAcks.get();
  }

  int presenceFrames() {
    return presenceFrames.get();
  }

  int maxOccupancy() {
    return maxOccupancy;
  }

  /** Whether either side closed the connection or it failed. */
  boolean isClosed() {
    return closed;
  }

  /** Stops reading, as a stuck client does: the server's writes back up. */
  void stopReading() {
    loop.execute(
        () -> {
          SelectionKey key = channel.keyFor(loop.selector());
          if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
          }
        });
  }

  void closedByServer() {
    closed = true;
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
  }

  void failed(Throwable failure) {
    ready.completeExceptionally(failure);
    closedByServer();
  }

  /** Sends a close frame and closes the socket. */
  void close() {
    write(OP_CLOSE, new byte[] {0x03, (byte) 0xe8});
    abort();
  }

  void abort() {
    closed = true;
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
