package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.protocol.control.EventIds;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.control.ServerSequence;
import dev.roomcast.store.control.RedisConnection;
import dev.roomcast.store.control.StoreKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.time.Clock;

/**
 * The rooms' stores, in memory or in Redis as {@link StoreKind} says, and with them the way events
 * are numbered and distributed: on this node alone, or through the stream all nodes share.
 */
@ApplicationScoped
public class RoomStores {

  @Inject StoreKind kind;
  @Inject RedisConnection redis;
  @Inject Settings settings;
  @Inject Jsonb jsonb;

  private InMemoryHistory memoryHistory;

  @Produces
  @ApplicationScoped
  RoomStore rooms() {
    return kind.redis()
        ? new RedisRoomStore(redis.pool(), redis.prefix(), jsonb)
        : new InMemoryRoomStore();
  }

  @Produces
  @ApplicationScoped
  HistoryStore history() {
    return kind.redis()
        ? new RedisHistory(
            redis.pool(), redis.prefix(), settings.historyLimits(), Clock.systemUTC())
        : memoryHistory();
  }

  /**
   * Only {@link RoomEventService} takes it (dependent scope: it gets the object itself, not a
   * proxy, and closes it); the memory store's history is the same object the stores read.
   */
  @Produces
  EventDistribution distribution(
      RoomFanOut fanOut,
      HistoryStore history,
      MessageCodec codec,
      EventIds eventIds,
      ServerSequence serverSequence,
      Instance<SharedStream> sharedStream) {
    return kind.redis()
        ? new SharedDistribution(
            fanOut, history, codec, eventIds, Clock.systemUTC(), serverSequence, sharedStream.get())
        : new LocalDistribution(
            fanOut, memoryHistory(), codec, eventIds, Clock.systemUTC(), serverSequence);
  }

  private synchronized InMemoryHistory memoryHistory() {
    if (memoryHistory == null) {
      memoryHistory = new InMemoryHistory(settings.historyLimits(), Clock.systemUTC());
    }
    return memoryHistory;
  }
}
