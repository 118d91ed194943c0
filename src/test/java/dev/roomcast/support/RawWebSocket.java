package dev.roomcast.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A WebSocket client written by hand on a plain {@link Socket}, for what a well-behaved client
 * library never does: drop the TCP connection without a close frame (with an RST), send binary,
 * unmasked or oversized frames, or announce a length and never send it.
 */
public final class RawWebSocket implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RawWebSocket.class.getName());

  /** One frame read from the server. */
  public record Frame(int opcode, byte[] payload) {

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The close code of a close frame; 1005 if it carries none. */
    public int closeCode() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    /** A close frame's reason text. */
    public String reason() {
      return payload.length <= 2
          ? ""
          : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    public boolean isClose() {
      return opcode == 0x8;
    }
  }

  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Opens a TCP connection to the deployment without any handshake (a half-open client). */
  public static Socket tcp(URI base) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
    return socket;
  }

  /**
   * Connects to {@code pathAndQuery} under the deployment and completes the upgrade; the server's
   * frames are left unread.
   */
  public static RawWebSocket connect(URI base, String pathAndQuery) throws IOException {
    Socket socket = tcp(base);
    try {
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      RawWebSocket ws = new RawWebSocket(socket);
      ws.handshake(base, pathAndQuery);
      return ws;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void handshake(URI base, String pathAndQuery) throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request =
        "GET "
            + base.getPath()
            + pathAndQuery
            + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + base.getPort()
            + "\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("handshake cut short: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head);
    }
  }

  /** Sends one masked text frame, as a client must. */
  public RawWebSocket sendText(String text) throws IOException {
    return sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
  }

  /**
   * Sends {@code text} as one frame on another thread while reading, as a browser does, and returns
   * the server's close code (-1: the connection ended without a close frame). A server that refuses
   * the frame at its header closes while the rest is still on its way; a client that only read
   * after its write would meet the reset of its unfinished write first and see 1006, which says
   * nothing about the server.
   */
  public int closeCodeWhileSending(String text, Duration timeout) throws Exception {
    CompletableFuture<Void> sending =
        CompletableFuture.runAsync(
            () -> {
              try {
                sendText(text);
              } catch (IOException e) {
                LOG.fine(() -> "refused while sending, as expected: " + e);
              }
            });
    Frame close = awaitClose(timeout);
    sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return close == null ? -1 : close.closeCode();
  }

  /** Sends one complete frame with FIN set, masked or not. */
  public RawWebSocket sendFrame(int opcode, byte[] payload, boolean masked) throws IOException {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(header(opcode, payload.length, masked, mask));
    for (int i = 0; i < payload.length; i++) {
      frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
    }
    out.write(frame.toByteArray());
    out.flush();
    return this;
  }

  /**
   * Sends only a masked frame's header announcing {@code length} payload bytes; the payload (if
   * any) follows through {@link #sendBytes}.
   */
  public RawWebSocket sendHeader(int opcode, long length) throws IOException {
    out.write(header(opcode, length, true, new byte[4]));
    out.flush();
    return this;
  }

  /** Writes raw bytes (e.g. a frame's payload, masked with a zero key, so as it is). */
  public RawWebSocket sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  private static byte[] header(int opcode, long length, boolean masked, byte[] mask) {
    ByteArrayOutputStream header = new ByteArrayOutputStream(14);
    header.write(0x80 | opcode);
    int maskBit = masked ? 0x80 : 0;
    // a negative length stands for a 64-bit one with its top bit set, which RFC 6455 forbids
    if (length >= 0 && length <= 125) {
      header.write(maskBit | (int) length);
    } else if (length >= 0 && length <= 0xFFFF) {
      header.write(maskBit | 126);
      header.write((int) (length >>> 8) & 0xff);
      header.write((int) length & 0xff);
    } else {
      header.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        header.write((int) (length >>> (8 * i)) & 0xff);
      }
    }
    if (masked) {
      header.writeBytes(mask);
    }
    return header.toByteArray();
  }

  /**
   * The next frame from the server, or null if none arrives within {@code timeout}.
   *
   * @throws EOFException if the connection ended
   */
  public Frame read(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    int first;
    try {
      first = in.read();
    } catch (SocketTimeoutException e) {
      return null;
    }
    if (first < 0) {
      throw new EOFException("connection ended");
    }
    socket.setSoTimeout(10_000);
    long length = in.readUnsignedByte() & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  /** Reads text frames until one contains {@code fragment}; null if none within {@code timeout}. */
  public String awaitText(String fragment, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      Frame frame = read(Duration.ofNanos(left));
      if (frame == null) {
        return null;
      }
      if (frame.opcode() == TEXT && frame.text().contains(fragment)) {
        return frame.text();
      }
      if (frame.isClose()) {
        throw new EOFException(
            "closed by the server with " + frame.closeCode() + " " + frame.reason());
      }
    }
  }

  /**
   * Reads until the server's close frame and returns it; null if the connection ended without one
   * or nothing came within {@code timeout}.
   */
  public Frame awaitClose(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        Frame frame = read(Duration.ofNanos(left));
        if (frame == null) {
          return null;
        }
        if (frame.isClose()) {
          return frame;
        }
      }
    } catch (EOFException | SocketException e) {
      return null;
    }
  }

  /** Whether the server ended the TCP connection within {@code timeout} (reads until EOF). */
  public boolean endsWithin(Duration timeout) throws IOException {
    return endsWithin(socket, timeout);
  }

  /** Whether the server ended {@code socket}'s TCP connection within {@code timeout}. */
  public static boolean endsWithin(Socket socket, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] sink = new byte[8192];
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        if (socket.getInputStream().read(sink) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset by the server
    }
  }

  /** Drops the connection the way a crashed client or a network failure does: RST, no close. */
  public void drop() {
    drop(socket);
  }

  /** Drops {@code socket} with an RST. */
  public static void drop(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // already gone: what a drop wants anyway
    }
  }

  /** Closes the TCP connection normally (FIN), still without a close frame. */
  public void socketClose() throws IOException {
    socket.close();
  }

  @Override
  public void close() {
    drop();
  }
}
