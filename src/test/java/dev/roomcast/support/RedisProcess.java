package dev.roomcast.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * A Redis of a test's own that it may stop and start again (empty) on the same port, to see what
 * roomcast does when its store goes away or comes back without its data. The binary is the one
 * shipped in embedded-redis; bound to 127.0.0.1, nothing persisted.
 */
public final class RedisProcess implements AutoCloseable {

  private final int port;
  private final RedisServer server;

  private RedisProcess(int port) throws IOException {
    this.port = port;
    this.server =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
  }

  /** A new Redis on a free port, running. */
  public static RedisProcess start() throws IOException {
    RedisProcess redis = new RedisProcess(freePort());
    redis.server.start();
    return redis;
  }

  public URI url() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  /** Stops the process: every connection to it breaks, everything in it is gone. */
  public void stop() throws IOException {
    if (server.isActive()) {
      server.stop();
    }
  }

  /** Starts it again on the same port, empty. */
  public void restart() throws IOException {
    if (!server.isActive()) {
      server.start();
    }
  }

  public boolean running() {
    return server.isActive();
  }

  /** FLUSHALL: the data goes, the connections (and subscriptions) stay. */
  public void flushAll() {
    try (Jedis redis = new Jedis(url())) {
      redis.flushAll();
    }
  }

  /** How many keys Redis holds now. */
  public long keyCount() {
    try (Jedis redis = new Jedis(url())) {
      return redis.dbSize();
    }
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
