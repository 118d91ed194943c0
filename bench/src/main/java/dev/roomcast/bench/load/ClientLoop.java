package dev.roomcast.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One selector thread reading every benchmark connection. A minimal RFC 6455 client: the
 * java.net.http WebSocket hands each message through an executor and capped the load generator
 * near 40k deliveries/s on one core, below what the servers under test can send.
 */
final class ClientLoop implements Runnable {

  private static final Logger LOG = Logger.getLogger(ClientLoop.class.getName());
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final Selector selector;
  private final Queue<BenchClient> registrations = new ConcurrentLinkedQueue<>();
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);

  ClientLoop() throws IOException {
    selector = Selector.open();
    Thread thread = new Thread(this, "client-loop");
    thread.setDaemon(true);
    thread.start();
  }

  /** Connects (blocking, loopback), sends the upgrade request and lets the loop read the rest. */
  void connect(InetSocketAddress address, String path, BenchClient client) throws IOException {
    connect(address, null, path, client);
  }

  /**
   * As {@link #connect(InetSocketAddress, String, BenchClient)}, from {@code source} (null: any).
   * Each source address has its own ephemeral ports (about 28,000 on Linux), so tens of thousands
   * of connections to one server port need several loopback sources.
   */
  void connect(InetSocketAddress address, InetAddress source, String path, BenchClient client)
      throws IOException {
    SocketChannel channel;
    if (source == null) {
      channel = SocketChannel.open(address);
      client.attach(channel);
    } else {
      channel = SocketChannel.open();
      client.attach(channel);
      // a port still in TIME_WAIT from an earlier run may be taken again
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(source, 0));
      // bounded: with a full accept queue a blocking connect would retry its SYN for minutes
      channel.socket().connect(address, CONNECT_TIMEOUT_MILLIS);
    }
    channel.socket().setTcpNoDelay(true);
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + address.getHostString()
            + ":"
            + address.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    ByteBuffer out = ByteBuffer.wrap(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    while (out.hasRemaining()) {
      channel.write(out);
    }
    channel.configureBlocking(false);
    registrations.add(client);
    selector.wakeup();
  }

  java.nio.channels.Selector selector() {
    return selector;
  }

  /** Runs {@code task} on the loop thread (interest changes). */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  @Override
  public void run() {
    while (true) {
      try {
        selector.select();
        BenchClient fresh;
        while ((fresh = registrations.poll()) != null) {
          try {
            fresh.channel().register(selector, SelectionKey.OP_READ, fresh);
          } catch (IOException | RuntimeException e) {
            fresh.failed(e);
          }
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          BenchClient client = (BenchClient) key.attachment();
          try {
            if (key.isValid() && key.isWritable()) {
              client.flush(key);
            }
            if (key.isValid() && key.isReadable()) {
              readBuffer.clear();
              int n = client.channel().read(readBuffer);
              if (n < 0) {
                client.closedByServer();
                key.cancel();
              } else if (n > 0) {
                readBuffer.flip();
                client.consume(readBuffer);
              }
            }
          } catch (IOException | RuntimeException e) {
            key.cancel();
            client.failed(e);
          }
        }
        selector.selectedKeys().clear();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "client loop", e);
      }
    }
  }
}
