package dev.roomcast.cluster.control;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;
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
  private final Duration timeout;

  /**
   * @param timeout how long a node may go without a heartbeat before it counts as dead
   */
  public NodeDirectory(JedisPool pool, String prefix, Duration timeout) {
    this.pool = pool;
    this.prefix = prefix;
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

  /** Unregisters a node that shuts down cleanly. */
  public void leave(String nodeId) {
    call(
        redis -> {
          redis.del(prefix + "node:" + nodeId);
          return redis.srem(prefix + "nodes", nodeId);
        });
  }

  private <T> T call(Function<Jedis, T> work) {
    try (Jedis redis = pool.getResource()) {
      return work.apply(redis);
    } catch (JedisConnectionException e) {
      throw new RequestRejected(
          ErrorCode.STORE_UNAVAILABLE, "State store (Redis) unavailable: " + e.getMessage());
    }
  }
}
