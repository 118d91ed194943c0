package dev.roomcast.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.state.control.RedisRoomStore;
import dev.roomcast.state.control.RoomStore;
import dev.roomcast.support.RedisTestServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** The contract against a real Redis; each test gets its own key prefix. */
class RedisRoomStoreTest extends RoomStoreContract {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private final List<RedisRoomStore> opened = new ArrayList<>();

  @Override
  protected RoomStore newStore() {
    RedisRoomStore redis =
        new RedisRoomStore(
            new JedisPool(new JedisPoolConfig(), RedisTestServer.url(), 2000, 2000),
            "test-" + UUID.randomUUID() + ":",
            JSONB);
    opened.add(redis);
    return redis;
  }

  @AfterEach
  void close() {
    opened.forEach(RedisRoomStore::close);
  }

  @Test
  void unreachableRedisIsAClearErrorNotAHang_B1() {
    JedisPoolConfig config = new JedisPoolConfig();
    config.setMaxWait(java.time.Duration.ofMillis(500));
    // port 1 on loopback: nothing listens there
    RedisRoomStore gone =
        new RedisRoomStore(
            new JedisPool(config, URI.create("redis://127.0.0.1:1"), 500, 500), "x:", JSONB);
    opened.add(gone);
    assertFalse(gone.isReachable());
    assertEquals(
        ErrorCode.STORE_UNAVAILABLE, assertThrows(RequestRejected.class, gone::rooms).code());
  }
}
