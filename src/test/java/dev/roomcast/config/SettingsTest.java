package dev.roomcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.config.control.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static Settings of(Map<String, String> values) {
    return new Settings(name -> Optional.ofNullable(values.get(name)));
  }

  @Test
  void unsetAndBlankSettingsTakeTheirDefaults() {
    Settings settings = of(Map.of("roomcast.outbox.capacity", "  ", "roomcast.store", ""));
    assertEquals("memory", settings.store());
    assertEquals(1024, settings.outboxCapacity());
    assertEquals("redis://127.0.0.1:6379", settings.redisUrl());
    assertEquals(List.of("*"), settings.allowedOrigins());
    assertEquals(Duration.ofSeconds(60), settings.handshakeTimeout());
    assertTrue(settings.fastPath());
    assertEquals(1000, settings.historyLimits().maxEvents());
    assertEquals(settings.outboxCapacity(), Settings.defaults().outboxCapacity());
  }

  @Test
  void settingsAreReadByTheirNames() {
    Settings settings =
        of(
            Map.of(
                "roomcast.store", "redis",
                "REDIS_URL", "redis://10.0.0.1:6380",
                "roomcast.outbox.capacity", " 7 ",
                "roomcast.fast.path", "FALSE",
                "roomcast.history.max.age.seconds", "5",
                "roomcast.api.key", "a, b,,"));
    assertEquals("redis", settings.store());
    assertEquals("redis://10.0.0.1:6380", settings.redisUrl());
    assertEquals(7, settings.outboxCapacity());
    assertFalse(settings.fastPath());
    assertEquals(Duration.ofSeconds(5), settings.historyLimits().maxAge());
    assertEquals(List.of("a", "b"), settings.apiKeys());
  }

  @Test
  void roomcastRedisUrlWinsOverRedisUrl() {
    Settings settings = of(Map.of("roomcast.redis.url", "redis://a:1", "REDIS_URL", "redis://b:2"));
    assertEquals("redis://a:1", settings.redisUrl());
  }

  @Test
  void environmentNamesAreMicroProfileConfigs() {
    assertEquals("ROOMCAST_OUTBOX_CAPACITY", Settings.environmentName("roomcast.outbox.capacity"));
    assertEquals("REDIS_URL", Settings.environmentName("REDIS_URL"));
  }

  @Test
  void aBadValueIsRefusedWithTheSettingAndTheValueNamed() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class, () -> of(Map.of("roomcast.outbox.capacity", "lots")));
    assertEquals(
        "roomcast settings are invalid: roomcast.outbox.capacity (ROOMCAST_OUTBOX_CAPACITY) must be"
            + " a whole number from 1 to 2147483647, not 'lots'",
        refused.getMessage());
  }

  @Test
  void everyBadValueIsNamedInOneMessage() {
    String message =
        assertThrows(
                IllegalStateException.class,
                () ->
                    of(
                        Map.of(
                            "roomcast.store", "postgres",
                            "roomcast.history.max.events", "-1",
                            "roomcast.rate.limit.per.second", "3000000000",
                            "roomcast.api.insecure", "yes",
                            "roomcast.node.timeout.millis", "0",
                            "roomcast.handshake.timeout.seconds", "1.5")))
            .getMessage();
    for (String expected :
        List.of(
            "roomcast.store (ROOMCAST_STORE) must be one of memory, redis, not 'postgres'",
            "roomcast.history.max.events (ROOMCAST_HISTORY_MAX_EVENTS) must be a whole number"
                + " from 0 to 2147483647, not '-1'",
            "roomcast.rate.limit.per.second (ROOMCAST_RATE_LIMIT_PER_SECOND) must be a whole"
                + " number from 1 to 2147483647, not '3000000000'",
            "roomcast.api.insecure (ROOMCAST_API_INSECURE) must be true or false, not 'yes'",
            "roomcast.node.timeout.millis (ROOMCAST_NODE_TIMEOUT_MILLIS) must be a whole number"
                + " of at least 1, not '0'",
            "roomcast.handshake.timeout.seconds (ROOMCAST_HANDSHAKE_TIMEOUT_SECONDS) must be a"
                + " whole number from 0 to 9223372036854775, not '1.5'")) {
      assertTrue(message.contains(expected), message);
    }
  }

  @Test
  void aRedisUrlIsCheckedOnlyWhenRedisIsTheStore() {
    assertEquals("not a url", of(Map.of("REDIS_URL", "not a url")).redisUrl());
    String message =
        assertThrows(
                IllegalStateException.class,
                () -> of(Map.of("roomcast.store", "redis", "REDIS_URL", "http://host:6379")))
            .getMessage();
    assertTrue(
        message.contains(
            "REDIS_URL (REDIS_URL) must be a redis:// or rediss:// URL with a host, not"
                + " 'http://host:6379'"),
        message);
  }
}
