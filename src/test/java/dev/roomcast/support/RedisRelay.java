package dev.roomcast.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a real Redis that can make Redis slow for one room only: while {@link
 * #hold} is on, every command whose bytes name the given text (a room id: its keys, its scripts'
 * arguments) waits in the relay until {@link #release}, while every other command passes at once.
 * Commands on one connection stay in order, as on a slow network path. Plain sockets, bound to
 * 127.0.0.1; RESP is parsed only as far as needed to find where each command ends.
 */
public final class RedisRelay implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final Object gate = new Object();
  private byte[] held; // guarded by gate

  private RedisRelay(URI redis) throws IOException {
    this.target = new InetSocketAddress(redis.getHost(), redis.getPort());
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "redis-relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A relay to {@code redis}, accepting connections. */
  public static RedisRelay inFrontOf(URI redis) throws IOException {
    return new RedisRelay(redis);
  }

  /** Where roomcast connects instead of Redis. */
  public URI url() {
    return URI.create("redis://127.0.0.1:" + server.getLocalPort());
  }

  /** From now on, commands naming {@code text} wait until {@link #release}. */
  public void hold(String text) {
    synchronized (gate) {
      held = text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Lets the waiting commands through, and every later one. */
  public void release() {
    synchronized (gate) {
      held = null;
      gate.notifyAll();
    }
  }

  /** How many commands wait in the relay now. */
  public int waiting() {
    return waiting.get();
  }

  @Override
  public void close() throws IOException {
    release();
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket redis = new Socket();
        redis.connect(target, 2000);
        client.setTcpNoDelay(true);
        redis.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(redis);
        start("redis-relay-commands", () -> commands(client, redis));
        start("redis-relay-replies", () -> replies(redis, client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          throw new IllegalStateException("relay cannot reach Redis at " + target, e);
        }
      }
    }
  }

  private static void start(String name, Runnable pump) {
    Thread thread = new Thread(pump, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Client to Redis, one whole command at a time, each held back while it names the held text. */
  private void commands(Socket client, Socket redis) {
    try (client;
        redis) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = redis.getOutputStream();
      while (true) {
        byte[] command = readCommand(in);
        awaitPassage(command);
        out.write(command);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // a connection that ends (either side, or the relay closing) ends its pumps
    }
  }

  /** Redis to client, byte for byte (replies and pub/sub messages are never held). */
  private static void replies(Socket redis, Socket client) {
    try (redis;
        client) {
      redis.getInputStream().transferTo(client.getOutputStream());
    } catch (IOException e) {
      // as above
    }
  }

  private void awaitPassage(byte[] command) throws InterruptedException {
    synchronized (gate) {
      if (held == null || !contains(command, held)) {
        return;
      }
      waiting.incrementAndGet();
      try {
        while (held != null && contains(command, held)) {
          gate.wait();
        }
      } finally {
        waiting.decrementAndGet();
      }
    }
  }

  /** One RESP command as sent: {@code *N} then N bulk strings ({@code $len}, bytes). */
  private static byte[] readCommand(InputStream in) throws IOException {
    ByteArrayOutputStream command = new ByteArrayOutputStream();
    String header = readLine(in, command);
    if (!header.startsWith("*")) {
      return command.toByteArray(); // an inline command: the line is the command
    }
    int parts = Integer.parseInt(header.substring(1));
    for (int i = 0; i < parts; i++) {
      String length = readLine(in, command);
      byte[] bulk = in.readNBytes(Integer.parseInt(length.substring(1)) + 2);
      command.write(bulk);
    }
    return command.toByteArray();
  }

  private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
    StringBuilder line = new StringBuilder();
    int previous = -1;
    while (true) {
      int next = in.read();
      if (next < 0) {
        throw new EOFException();
      }
      copy.write(next);
      if (previous == '\r' && next == '\n') {
        line.setLength(line.length() - 1);
        return line.toString();
      }
      line.append((char) next);
      previous = next;
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
