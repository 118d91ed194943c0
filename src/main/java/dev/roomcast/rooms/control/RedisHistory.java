package dev.roomcast.rooms.control;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.rooms.entity.HistoryEntry;
import dev.roomcast.rooms.entity.StreamPosition;
import dev.roomcast.store.control.RedisCalls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Room streams shared by every node (see {@link RedisStreamScripts} for the keys). Every key
 * expires: the history when the room has been quiet for the age limit, the stream (sequence, epoch,
 * last event time) when nobody used it for the idle time; rooms with members are kept alive by
 * {@link #keepAlive}. A Redis flush or an empty restart removes the stream, so the next epoch
 * differs.
 */
public class RedisHistory implements HistoryStore {

  private final String prefix;
  private final RedisCalls calls;
  private final HistoryLimits limits;
  private final Clock clock;

  public RedisHistory(JedisPool pool, String prefix, HistoryLimits limits, Clock clock) {
    this.prefix = prefix;
    this.calls = new RedisCalls(pool, prefix);
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public StreamPosition position(String room) {
    List<?> answer =
        (List<?>) eval(RedisStreamScripts.POSITION, room, List.of(newEpoch(), idleMillis()));
    return new StreamPosition((Long) answer.get(1), (String) answer.get(0));
  }

  @Override
  public long currentRoomSeq(String room) {
    String seq = call(redis -> redis.hget(streamKey(room), "seq"));
    return seq == null ? 0 : Long.parseLong(seq);
  }

  @Override
  public long currentServerSeq() {
    String seq = call(redis -> redis.get(prefix + "seq:@server"));
    return seq == null ? 0 : Long.parseLong(seq);
  }

  @Override
  public List<HistoryEntry> after(String room, long after) {
    long oldestKept = clock.millis() - limits.maxAge().toMillis();
    List<String> members =
        call(
            redis ->
                redis.zrangeByScore(
                    RedisStreamScripts.historyKey(prefix, room), "(" + after, "+inf"));
    List<HistoryEntry> entries = new ArrayList<>(members.size());
    for (String member : members) {
      String[] parts = member.split("\\|", 3);
      long timestamp = Long.parseLong(parts[1]);
      if (timestamp >= oldestKept) {
        entries.add(new HistoryEntry(Long.parseLong(parts[0]), timestamp, parts[2]));
      }
    }
    return entries;
  }

  @Override
  public OptionalLong lastPublishedAt(String room) {
    String value = call(redis -> redis.hget(streamKey(room), "at"));
    return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
  }

  /** Redis drops aged events itself: on each append, and the whole history of a quiet room. */
  @Override
  public void expireAged() {
    // nothing to do here: see RedisStreamScripts.RECORD
  }

  /** Unused streams expire by their TTL; nothing to forget by hand. */
  @Override
  public Collection<String> idleStreams(long idleBeforeMillis) {
    return List.of();
  }

  @Override
  public boolean forget(String room, long idleBeforeMillis) {
    return false;
  }

  @Override
  public Map<String, String> keepAlive(Collection<String> rooms) {
    if (rooms.isEmpty()) {
      return Map.of();
    }
    long idle = limits.effectiveStreamIdle().toMillis();
    return call(
        redis -> {
          Map<String, Response<String>> epochs = new LinkedHashMap<>();
          Pipeline pipeline = redis.pipelined();
          for (String room : rooms) {
            pipeline.pexpire(streamKey(room), idle);
            epochs.put(room, pipeline.hget(streamKey(room), "epoch"));
          }
          pipeline.sync();
          Map<String, String> present = new HashMap<>();
          epochs.forEach(
              (room, epoch) -> {
                if (epoch.get() != null) {
                  present.put(room, epoch.get());
                }
              });
          return present;
        });
  }

  private Object eval(String script, String room, List<String> args) {
    List<String> keys = List.of(streamKey(room), RedisStreamScripts.historyKey(prefix, room));
    return call(redis -> calls.eval(redis, script, keys, args));
  }

  private String streamKey(String room) {
    return RedisStreamScripts.streamKey(prefix, room);
  }

  private String idleMillis() {
    return Long.toString(limits.effectiveStreamIdle().toMillis());
  }

  private static String newEpoch() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private <T> T call(Function<Jedis, T> work) {
    return calls.call(work);
  }
}
