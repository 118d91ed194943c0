package dev.roomcast.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import redis.embedded.RedisServer;

/**
 * The real Redis tests run against: {@code REDIS_URL} when set (CI starts Debian's redis-server),
 * else the redis-server binary shipped in embedded-redis, started once per JVM on 127.0.0.1.
 */
public final class RedisTestServer {

  private static URI url;
  private static RedisServer embedded;

  private RedisTestServer() {}

  public static synchronized URI url() {
    if (url == null) {
      String fromEnv = System.getenv("REDIS_URL");
      url = fromEnv != null && !fromEnv.isBlank() ? URI.create(fromEnv) : startEmbedded();
    }
    return url;
  }

  private static URI startEmbedded() {
    try {
      int port = freePort();
      embedded =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      embedded.start();
      Runtime.getRuntime().addShutdownHook(new Thread(RedisTestServer::stop));
      return URI.create("redis://127.0.0.1:" + port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the embedded redis-server", e);
    }
  }

  private static void stop() {
    try {
      embedded.stop();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
