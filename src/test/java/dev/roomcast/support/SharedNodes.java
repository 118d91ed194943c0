package dev.roomcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Nodes that several integration test classes share, started on first use and stopped when the test
 * JVM exits: a start takes most of a minute, so the B3/B12 classes (connection ends, delivery under
 * churn, hostile input) do not each pay for one. Each class uses rooms of its own.
 */
public final class SharedNodes {

  /**
   * The settings of the shared node on the fast path: defaults, but a short handshake deadline so
   * that a test can see it close a slow client.
   */
  public static final Map<String, String> FAST =
      Map.of(
          "ROOMCAST_HANDSHAKE_TIMEOUT_SECONDS", "5",
          "ROOMCAST_TRANSPORT_PING_INTERVAL_SECONDS", "2",
          "ROOMCAST_TRANSPORT_PONG_TIMEOUT_SECONDS", "5");

  /**
   * The portable write path: a session idle timeout turns the fast path off. Both nodes find a
   * silent peer within 7.5 s (transport ping after 2 s, 5 s for the pong, checks every 0.5 s),
   * within the tests' bound.
   */
  public static final Map<String, String> PORTABLE =
      Map.of(
          "ROOMCAST_SESSION_IDLE_TIMEOUT_SECONDS", "600",
          "ROOMCAST_TRANSPORT_PING_INTERVAL_SECONDS", "2",
          "ROOMCAST_TRANSPORT_PONG_TIMEOUT_SECONDS", "5");

  private static CompletableFuture<RoomcastNode> fast;
  private static CompletableFuture<RoomcastNode> portable;

  private SharedNodes() {}

  /** The node on the fast path (default settings but {@link #FAST}). */
  public static RoomcastNode fast() {
    return await(startFast());
  }

  /** The node on the portable path ({@link #PORTABLE}). */
  public static RoomcastNode portable() {
    return await(startPortable());
  }

  /** Starts both nodes side by side, so that a class using both waits for one start only. */
  public static void startBoth() {
    CompletableFuture<RoomcastNode> first = startFast();
    CompletableFuture<RoomcastNode> second = startPortable();
    await(first);
    await(second);
  }

  private static synchronized CompletableFuture<RoomcastNode> startFast() {
    if (fast == null) {
      fast = start("fast", FAST);
    }
    return fast;
  }

  private static synchronized CompletableFuture<RoomcastNode> startPortable() {
    if (portable == null) {
      portable = start("portable", PORTABLE);
    }
    return portable;
  }

  private static CompletableFuture<RoomcastNode> start(String name, Map<String, String> env) {
    CompletableFuture<RoomcastNode> node =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return RoomcastNode.start(name, env);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.getNow(null).close();
                  } catch (InterruptedException | RuntimeException e) {
                    // the JVM is going down; the node process goes with its parent's pipes
                  }
                }));
    return node;
  }

  private static RoomcastNode await(CompletableFuture<RoomcastNode> node) {
    try {
      return node.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("node did not start", e.getCause());
    }
  }
}
