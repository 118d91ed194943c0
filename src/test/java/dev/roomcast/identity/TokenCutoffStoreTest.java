package dev.roomcast.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.identity.control.InMemoryTokenCutoffs;
import dev.roomcast.identity.control.RedisTokenCutoffs;
import dev.roomcast.identity.control.TokenCutoffStore;
import dev.roomcast.support.ManualClock;
import dev.roomcast.support.RedisTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Token cut-offs (F3.7) in both stores: raised, never lowered, gone when they expire. */
class TokenCutoffStoreTest {

  abstract static class Contract {

    abstract TokenCutoffStore store();

    /** Lets {@code duration} pass for the store. */
    abstract void pass(Duration duration) throws InterruptedException;

    @Test
    void cutoffIsRaisedNeverLoweredAndReadInBulk_F3_7() {
      TokenCutoffStore store = store();
      assertEquals(OptionalLong.empty(), store.cutoff("ann"));
      assertEquals(1000, store.raiseCutoff("ann", 1000, Duration.ofMinutes(5)));
      assertEquals(1000, store.raiseCutoff("ann", 900, Duration.ofMinutes(5)));
      assertEquals(OptionalLong.of(1000), store.cutoff("ann"));
      assertEquals(1200, store.raiseCutoff("ann", 1200, Duration.ofMinutes(5)));
      store.raiseCutoff("bob", 50, Duration.ofMinutes(5));
      assertEquals(Map.of("ann", 1200L, "bob", 50L), store.cutoffs(List.of("ann", "bob", "carol")));
      assertTrue(store.cutoffs(List.of()).isEmpty());
    }

    @Test
    void cutoffExpires_F3_7() throws InterruptedException {
      TokenCutoffStore store = store();
      store.raiseCutoff("ann", 1000, Duration.ofMillis(300));
      assertEquals(OptionalLong.of(1000), store.cutoff("ann"));
      pass(Duration.ofMillis(600));
      assertEquals(OptionalLong.empty(), store.cutoff("ann"));
      assertTrue(store.cutoffs(List.of("ann")).isEmpty());
    }
  }

  @Nested
  class InMemory extends Contract {
    private final ManualClock clock =
        new ManualClock(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
    private final InMemoryTokenCutoffs store = new InMemoryTokenCutoffs(clock);

    @Override
    TokenCutoffStore store() {
      return store;
    }

    @Override
    void pass(Duration duration) {
      clock.advance(duration.toMillis());
    }
  }

  @Nested
  class InRedis extends Contract {
    private final JedisPool pool =
        new JedisPool(new JedisPoolConfig(), RedisTestServer.url(), 2000, 2000);

    @Override
    TokenCutoffStore store() {
      return new RedisTokenCutoffs(pool, "test-" + UUID.randomUUID() + ":");
    }

    @Override
    void pass(Duration duration) throws InterruptedException {
      Thread.sleep(duration.toMillis());
    }

    @AfterEach
    void close() {
      pool.close();
    }
  }
}
