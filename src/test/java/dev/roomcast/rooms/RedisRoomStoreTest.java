package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roomcast.cluster.control.RedisEventBus;
import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.handshake.control.RedisConnectionLimits;
import dev.roomcast.presence.control.RedisPresenceStore;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.publicrooms.control.RedisPublicUsers;
import dev.roomcast.rooms.control.RedisHistory;
import dev.roomcast.rooms.control.RedisRoomStore;
import dev.roomcast.support.RedisTestServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.time.Clock;
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
  protected Stores newStores() {
    JedisPool pool = new JedisPool(new JedisPoolConfig(), RedisTestServer.url(), 2000, 2000);
    String prefix = "test-" + UUID.randomUUID() + ":";
    RedisRoomStore redis = new RedisRoomStore(pool, prefix, JSONB);
    opened.add(redis);
    // the cluster's publish script: the one writer of a Redis stream
    RedisEventBus bus =
        new RedisEventBus(pool, RedisTestServer.url(), prefix, HistoryLimits.defaults());
    return new Stores(
        redis,
        new RedisHistory(pool, prefix, HistoryLimits.defaults(), Clock.systemUTC()),
        (room, timestamp) ->
            bus.publish(room, "{\"roomSeq\":", ",\"serverSeq\":", "}", timestamp).roomSeq(),
        new RedisPresenceStore(
            pool, prefix, HistoryLimits.defaults().effectiveStreamIdle().toMillis(), JSONB),
        new RedisConnectionLimits(pool, prefix),
        new RedisPublicUsers(pool, prefix, JSONB));
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
