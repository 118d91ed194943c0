package dev.roomcast.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * One roomcast node on WildFly 39 ({@link RoomcastNode}): the WildFly the build unpacked ({@code
 * roomcast.it.wildfly.home}) run from a server directory of its own under target/wildfly-nodes
 * ({@code jboss.server.base.dir}: a copy of the distribution's configuration and the built WAR in
 * {@code deployments/}, served at / by its jboss-web.xml). HTTP, HTTPS and management listen on
 * 127.0.0.1, each on a free port given explicitly (no port offset). With TLS, Undertow's HTTPS
 * listener serves the test certificate: the node's standalone.xml names the keystore of {@code
 * applicationKS} (the key store of the {@code https} listener's SSL context) and its password.
 */
public final class WildFlyNode implements RoomcastNode {

  private static final Duration STARTUP = Duration.ofSeconds(180);
  private static final String WAR = "roomcast.war";

  private final Process process;
  private final Path base;
  private final Path log;
  private final int port;
  private final int sslPort;
  private final Map<String, String> env;

  private WildFlyNode(
      Process process, Path base, Path log, int port, int sslPort, Map<String, String> env) {
    this.process = process;
    this.base = base;
    this.log = log;
    this.port = port;
    this.sslPort = sslPort;
    this.env = Map.copyOf(env);
  }

  /** Starts a node and waits until the WAR is deployed; test credentials as {@link PayaraNode}. */
  public static WildFlyNode start(String name, Map<String, String> env) throws IOException {
    return launch(name, env, null);
  }

  /** Starts a node whose HTTPS listener serves {@code certificate} on a free port. */
  public static WildFlyNode startWithTls(
      String name, Map<String, String> env, TestCertificate certificate) throws IOException {
    return launch(name, env, certificate);
  }

  /** The unpacked distribution: set by the build for the WildFly IT run. */
  static Path home() {
    String home = System.getProperty("roomcast.it.wildfly.home");
    if (home == null || !Files.isDirectory(Path.of(home))) {
      throw new IllegalStateException(
          "roomcast.it.wildfly.home does not name an unpacked WildFly: " + home);
    }
    return Path.of(home);
  }

  private static WildFlyNode launch(String name, Map<String, String> env, TestCertificate tls)
      throws IOException {
    Map<String, String> configured = new HashMap<>();
    configured.put("ROOMCAST_API_KEY", TestCredentials.API_KEY);
    configured.put("ROOMCAST_AUTH_SECRET", TestCredentials.SECRET);
    configured.putAll(env);
    Path home = home();
    Files.createDirectories(Path.of("target", "wildfly-nodes"));
    Path base =
        Files.createTempDirectory(Path.of("target", "wildfly-nodes"), name + "-").toAbsolutePath();
    copyConfiguration(home.resolve("standalone").resolve("configuration"), base);
    if (tls != null) {
      serve(tls, base.resolve("configuration").resolve("standalone.xml"));
    }
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(
        new File("target/" + WAR).toPath(),
        base.resolve("deployments").resolve(WAR),
        StandardCopyOption.REPLACE_EXISTING);
    int port = freePort();
    int sslPort = freePort();
    int managementPort = freePort();
    StandaloneCommandBuilder command =
        StandaloneCommandBuilder.of(home)
            .setBaseDirectory(base)
            .addJavaOptions(
                "-Xmx384m",
                TEST_JVM_OPTION,
                "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + sslPort,
                "-Djboss.management.http.port=" + managementPort);
    command.addServerArguments("-b=127.0.0.1", "-bmanagement=127.0.0.1");
    Path log = base.resolve("console.log");
    Process process =
        Launcher.of(command)
            .setRedirectErrorStream(true)
            .redirectOutput(log)
            .addEnvironmentVariables(configured)
            .launch();
    WildFlyNode node =
        new WildFlyNode(process, base, log, port, tls == null ? -1 : sslPort, configured);
    node.awaitDeployed();
    return node;
  }

  private static void copyConfiguration(Path from, Path base) throws IOException {
    Path to = Files.createDirectories(base.resolve("configuration"));
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  /** Points the HTTPS listener's key store at the test certificate. */
  private static void serve(TestCertificate tls, Path standaloneXml) throws IOException {
    String xml = Files.readString(standaloneXml);
    String keyStore =
        "<implementation type=\"JKS\"/>\n"
            + "                        <file path=\"application.keystore\""
            + " relative-to=\"jboss.server.config.dir\"/>";
    if (!xml.contains(keyStore) || !xml.contains("clear-text=\"password\"")) {
      throw new IllegalStateException("standalone.xml's applicationKS is not the expected one");
    }
    xml =
        xml.replace(
                keyStore,
                "<implementation type=\"PKCS12\"/>\n"
                    + "                        <file path=\""
                    + tls.keystore()
                    + "\"/>")
            .replace("clear-text=\"password\"", "clear-text=\"" + tls.password() + "\"")
            .replace(" generate-self-signed-certificate-host=\"localhost\"", "");
    Files.writeString(standaloneXml, xml);
  }

  @Override
  public String container() {
    return "wildfly";
  }

  @Override
  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public URI secureBase() {
    if (sslPort < 0) {
      throw new IllegalStateException("started without TLS");
    }
    return URI.create("https://127.0.0.1:" + sslPort + "/");
  }

  @Override
  public Map<String, String> env() {
    return env;
  }

  @Override
  public Path log() {
    return log;
  }

  /** The server's own directory ({@code jboss.server.base.dir}). */
  public Path baseDirectory() {
    return base;
  }

  /**
   * Undeploys the WAR as an operator would, by removing it from {@code deployments/}, and waits
   * until the server reports it undeployed.
   */
  public void undeploy() throws IOException, InterruptedException {
    Path deployments = base.resolve("deployments");
    Files.delete(deployments.resolve(WAR));
    Path undeployed = deployments.resolve(WAR + ".undeployed");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(undeployed)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not undeployed within 60 s; see " + log);
      }
      Thread.sleep(100);
    }
  }

  /** The WildFly server's JVM (the launcher starts java itself, not a script). */
  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private void awaitDeployed() throws IOException {
    Path deployments = base.resolve("deployments");
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(deployments.resolve(WAR + ".failed"))) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "deploying failed: " + Files.readString(deployments.resolve(WAR + ".failed")));
      }
      if (Files.exists(deployments.resolve(WAR + ".deployed"))
          && Files.readString(log).contains("WFLYSRV0025")) {
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
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
