package dev.roomcast.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One roomcast node on Payara Micro ({@link RoomcastNode}): the built WAR on its own process, bound
 * to 127.0.0.1 with clustering off, configured through environment variables (with the test
 * credentials unless told otherwise); optionally with an HTTPS listener as well ({@link
 * #startWithTls}).
 */
public final class PayaraNode implements RoomcastNode {

  private static final Duration STARTUP = Duration.ofSeconds(180);
  // "garbage-first heap   total 393216K, used 123456K [...]"

  private final Process process;
  private final Path log;
  private final int port;
  private final int sslPort;
  private final Map<String, String> env;

  private PayaraNode(Process process, Path log, int port, int sslPort, Map<String, String> env) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.sslPort = sslPort;
    this.env = Map.copyOf(env);
  }

  /**
   * Starts a node and waits until Payara Micro reports it ready. Unless {@code env} names them, the
   * node gets the test credentials ({@link TestCredentials}: {@code ROOMCAST_API_KEY}, {@code
   * ROOMCAST_AUTH_SECRET}); an empty value leaves a setting unset.
   */
  public static PayaraNode start(String name, Map<String, String> env) throws IOException {
    return launch(name, env, null);
  }

  /**
   * Starts a node with Payara's HTTPS listener on a free port as well ({@code --sslport}), serving
   * {@code certificate}: Payara Micro copies the keystore named by {@code javax.net.ssl.keyStore}
   * into its runtime directory, and {@code --sslcert} picks the alias.
   */
  public static PayaraNode startWithTls(
      String name, Map<String, String> env, TestCertificate certificate) throws IOException {
    return launch(name, env, certificate);
  }

  private static PayaraNode launch(String name, Map<String, String> env, TestCertificate tls)
      throws IOException {
    Map<String, String> configured = new HashMap<>();
    configured.put("ROOMCAST_API_KEY", TestCredentials.API_KEY);
    configured.put("ROOMCAST_AUTH_SECRET", TestCredentials.SECRET);
    configured.putAll(env);
    env = configured;
    int port = freePort();
    int sslPort = tls == null ? -1 : freePort();
    Path log = Files.createTempFile("roomcast-" + name + "-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add(TEST_JVM_OPTION);
    if (tls != null) {
      command.add("-Djavax.net.ssl.keyStore=" + tls.keystore());
      command.add("-Djavax.net.ssl.keyStorePassword=" + tls.password());
    }
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
    if (tls != null) {
      command.addAll(List.of("--sslport", String.valueOf(sslPort), "--sslcert", tls.alias()));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    PayaraNode node = new PayaraNode(builder.start(), log, port, sslPort, env);
    node.awaitReady();
    return node;
  }

  @Override
  public String container() {
    return "payara";
  }

  /** http://127.0.0.1:port/ */
  @Override
  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** https://127.0.0.1:sslport/ of a node started {@link #startWithTls}. */
  @Override
  public URI secureBase() {
    if (sslPort < 0) {
      throw new IllegalStateException("started without TLS");
    }
    return URI.create("https://127.0.0.1:" + sslPort + "/");
  }

  /** The environment the node was started with. */
  @Override
  public Map<String, String> env() {
    return env;
  }

  @Override
  public Path log() {
    return log;
  }

  /** The Payara Micro process id (for {@code jcmd}: heap after GC, class histograms). */
  @Override
  public long pid() {
    return process.pid();
  }

  /** Kills the process at once, as a crash would. */
  @Override
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
