package dev.roomcast.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One roomcast node for multi-node tests: the built WAR on its own Payara Micro process, bound to
 * 127.0.0.1 with clustering off, configured through environment variables.
 */
public final class PayaraNode implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(180);

  private final Process process;
  private final Path log;
  private final int port;
  private final Map<String, String> env;

  private PayaraNode(Process process, Path log, int port, Map<String, String> env) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.env = Map.copyOf(env);
  }

  /** Starts a node and waits until Payara Micro reports it ready. */
  public static PayaraNode start(String name, Map<String, String> env) throws IOException {
    int port = freePort();
    Path log = Files.createTempFile("roomcast-" + name + "-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.addAll(
        List.of(
            "-jar",
            new File("target/payara-micro.jar").getAbsolutePath(),
            "--nocluster",
            "--disablephonehome",
            "--prebootcommandfile",
            new File("server-config/preboot.asadmin").getAbsolutePath(),
            "--port",
            String.valueOf(port),
            "--deploy",
            new File("target/roomcast.war").getAbsolutePath(),
            "--contextroot",
            "/"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    PayaraNode node = new PayaraNode(builder.start(), log, port, env);
    node.awaitReady();
    return node;
  }

  /** http://127.0.0.1:port/ */
  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** The environment the node was started with. */
  public Map<String, String> env() {
    return env;
  }

  public Path log() {
    return log;
  }

  /** Kills the process at once, as a crash would. */
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log);
      if (text.contains("ready in")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("node exited during start-up; see " + log);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("node not ready within " + STARTUP + "; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
