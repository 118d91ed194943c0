package dev.roomcast.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One roomcast node of a multi-node or special-configuration test: the built WAR on a server
 * process of its own, bound to 127.0.0.1, configured through environment variables (with the test
 * credentials unless told otherwise). {@link #start} starts one on the container under test ({@code
 * roomcast.it.container}: {@code payara}, the default, or {@code wildfly}); {@link PayaraNode} and
 * {@link WildFlyNode} start one on a given container.
 */
public interface RoomcastNode extends AutoCloseable {

  /**
   * The JIT of every node the tests start stops at C1 (arquillian.xml too): a boot then takes about
   * half the CPU (Payara Micro: 11 instead of 20 CPU-seconds, 10 instead of 13 s), which is what
   * the suite's time goes on with some 25 boots per container on two cores. The tests' loads are
   * light; the figures in bench/ come from nodes at full JIT.
   */
  String TEST_JVM_OPTION = "-XX:TieredStopAtLevel=1";

  /** {@code payara} or {@code wildfly}: the container this IT run tests (pom.xml sets it). */
  static String containerUnderTest() {
    return System.getProperty("roomcast.it.container", "payara");
  }

  /** Whether this IT run tests WildFly. */
  static boolean onWildFly() {
    return "wildfly".equals(containerUnderTest());
  }

  /**
   * Starts a node on the container under test and waits until it serves the WAR. Unless {@code env}
   * names them, the node gets the test credentials ({@link TestCredentials}); an empty value leaves
   * a setting unset.
   */
  static RoomcastNode start(String name, Map<String, String> env) throws IOException {
    return onWildFly() ? WildFlyNode.start(name, env) : PayaraNode.start(name, env);
  }

  /** As {@link #start}, with an HTTPS listener on a free port serving {@code certificate}. */
  static RoomcastNode startWithTls(
      String name, Map<String, String> env, TestCertificate certificate) throws IOException {
    return onWildFly()
        ? WildFlyNode.startWithTls(name, env, certificate)
        : PayaraNode.startWithTls(name, env, certificate);
  }

  /**
   * Runs {@code starts} side by side and returns their nodes in the same order: a start mostly
   * waits for its server, so a class that needs several pays for about one. If one fails, those
   * that started are stopped.
   */
  static List<RoomcastNode> startTogether(List<Callable<? extends RoomcastNode>> starts)
      throws Exception {
    ExecutorService starting = Executors.newFixedThreadPool(starts.size());
    List<Future<? extends RoomcastNode>> pending = new ArrayList<>();
    try {
      for (Callable<? extends RoomcastNode> start : starts) {
        pending.add(starting.submit(start));
      }
      List<RoomcastNode> started = new ArrayList<>();
      Exception failure = null;
      for (Future<? extends RoomcastNode> node : pending) {
        try {
          started.add(node.get());
        } catch (ExecutionException e) {
          failure = e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      if (failure != null) {
        for (RoomcastNode node : started) {
          node.close();
        }
        throw failure;
      }
      return started;
    } finally {
      starting.shutdown();
    }
  }

  /** {@code payara} or {@code wildfly}. */
  String container();

  /** The server's process id (for {@code jcmd}: heap after GC). */
  long pid();

  /**
   * The node's heap in use right after a full collection, in bytes (the JDK's {@code jcmd}: {@code
   * GC.run}, then {@code GC.heap_info}).
   */
  default long heapUsedAfterGc() throws IOException, InterruptedException {
    return new HeapProbe(pid()).usedAfterGc();
  }

  /** http://127.0.0.1:port/ */
  URI base();

  /** https://127.0.0.1:sslport/ of a node started with TLS. */
  URI secureBase();

  /** The environment the node was started with. */
  Map<String, String> env();

  /** The server's console output. */
  Path log();

  /** Kills the process at once, as a crash would. */
  void kill();

  /** Stops the server as an operator would (SIGTERM), killing it if it does not stop in time. */
  @Override
  void close() throws InterruptedException;
}
