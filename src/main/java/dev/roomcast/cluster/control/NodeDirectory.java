package dev.roomcast.cluster.control;

import dev.roomcast.store.control.RedisCalls;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.params.SetParams;

/**
 * Which nodes are alive, in Redis: each node refreshes a key with a TTL; a node whose key lapsed is
 * dead, and exactly one survivor claims the clean-up of what it held.
 *
 * <p>Keys: {@code nodes} (set of node ids), {@code node:<id>} (heartbeat, TTL), {@code
 * cleanup:<id>} (the claim, TTL).
 */
public class NodeDirectory {

  private final JedisPool pool;
  private final String prefix;
  private final RedisCalls calls;
  private final Duration timeout;

  /**
   * @param timeout how long a node may go without a heartbeat before it counts as dead
   */
  public NodeDirectory(JedisPool pool, String prefix, Duration timeout) {
    this.pool = pool;
    this.prefix = prefix;
    this.calls = new RedisCalls(pool, prefix);
    this.timeout = timeout;
  }

  /** Records that {@code nodeId} is alive now. */
  public void beat(String nodeId) {
    call(
        redis -> {
          redis.set(
              prefix + "node:" + nodeId, "alive", SetParams.setParams().px(timeout.toMillis()));
          return redis.sadd(prefix + "nodes", nodeId);
        });
  }

  /** Nodes that were registered but whose heartbeat lapsed. */
  public List<String> deadNodes() {
    return call(
        redis -> {
          Set<String> nodes = redis.smembers(prefix + "nodes");
          return nodes.stream().filter(n -> !redis.exists(prefix + "node:" + n)).toList();
        });
  }

  /** True for the one caller that gets to clean up after {@code deadNode}. */
  public boolean claimCleanup(String deadNode, String byNode) {
    return call(
        redis ->
            "OK"
                .equals(
                    redis.set(
                        prefix + "cleanup:" + deadNode,
                        byNode,
                        SetParams.setParams().nx().px(timeout.multipliedBy(5).toMillis()))));
  }

  /** Forgets a dead node once its clean-up is done. */
  public void forget(String deadNode) {
    call(redis -> redis.srem(prefix + "nodes", deadNode));
  }

  /**
   * A node that shuts down (its heartbeat stopped) leaves: {@code release} frees what its
   * connections held, and only then does its entry leave the set. The set is how survivors find a
   * node to clean up after, so if the release fails half-way the entry stays and the heartbeat is
   * dropped instead: the survivors see the node dead at their next beat and finish the release.
   *
   * @throws RuntimeException what {@code release} threw, once the node is left to the survivors
   */
  public void depart(String nodeId, Runnable release) {
    try {
      release.run();
    } catch (RuntimeException e) {
      lapse(nodeId);
      throw e;
    }
    leave(nodeId);
  }

  /**
   * Drops a node's heartbeat but keeps it registered: the survivors treat it as dead from their
   * next beat on and release what it held. For a node that stops without having released it.
   */
  public void lapse(String nodeId) {
    call(redis -> redis.del(prefix + "node:" + nodeId));
  }

  /** Whether {@code nodeId} is in the set of nodes (alive, or dead and not cleaned up yet). */
  public boolean registered(String nodeId) {
    return call(redis -> redis.sismember(prefix + "nodes", nodeId));
  }

  private void leave(String nodeId) {
    call(
        redis -> {
          redis.del(prefix + "node:" + nodeId);
          return redis.srem(prefix + "nodes", nodeId);
        });
  }

  private <T> T call(Function<Jedis, T> work) {
    return calls.call(work);
  }
}
