package dev.roomcast.rooms.control;

/**
 * The Lua that keeps a room's stream in Redis, shared by the history store and the event bus so
 * both treat a stream alike. Keys: {@code stream:<room>} (hash: {@code epoch}, {@code seq}, {@code
 * at} = last event time, {@code bytes} = size of the history) and {@code history:<room>} (sorted
 * set of {@code <roomSeq>|<timestamp>|<frame>} scored by roomSeq).
 *
 * <p>The sequence and the epoch live in one key, so they expire together: a sequence that starts
 * over always has a new epoch. A new epoch also drops what history is left of the old stream.
 */
public final class RedisStreamScripts {

  /**
   * {@code ensure(stream, history, candidate)}: the stream's epoch, {@code candidate} if it had
   * none (then it is a new stream and any old history goes).
   */
  static final String ENSURE =
      """
      local function ensure(stream, history, candidate)
        if redis.call('HSETNX', stream, 'epoch', candidate) == 1 then
          redis.call('DEL', history)
        end
        return redis.call('HGET', stream, 'epoch')
      end
      """;

  /**
   * {@code record(stream, history, seq, ts, frame, maxEvents, maxAgeMillis, maxBytes)}: appends an
   * event and drops the oldest while the history is over its count, bytes or age (the newest stays
   * whatever its size); the history expires as a whole when the room has been quiet for the age.
   */
  static final String RECORD =
      """
      local function record(stream, history, seq, ts, frame, maxEvents, maxAge, maxBytes)
        if redis.call('EXISTS', history) == 0 then
          redis.call('HSET', stream, 'bytes', 0)
        end
        local member = seq .. '|' .. ts .. '|' .. frame
        redis.call('ZADD', history, seq, member)
        local bytes = redis.call('HINCRBY', stream, 'bytes', #member)
        local count = redis.call('ZCARD', history)
        local oldest = tonumber(ts) - maxAge
        while count > 1 do
          local head = redis.call('ZRANGE', history, 0, 0)[1]
          local headTs = tonumber(string.match(head, '^%d+|(%d+)|'))
          if count > maxEvents or bytes > maxBytes or headTs < oldest then
            redis.call('ZREMRANGEBYRANK', history, 0, 0)
            bytes = redis.call('HINCRBY', stream, 'bytes', -#head)
            count = count - 1
          else
            break
          end
        end
        redis.call('PEXPIRE', history, maxAge)
        redis.call('HSET', stream, 'at', ts)
      end
      """;

  /** KEYS: stream, history; ARGV: candidate epoch, idle millis. Returns {epoch, seq}. */
  static final String POSITION =
      ENSURE
          + """
          local epoch = ensure(KEYS[1], KEYS[2], ARGV[1])
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return {epoch, tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')}
          """;

  /**
   * Numbers, records and publishes one event in one step. KEYS: stream, history, server sequence;
   * ARGV: head, mid, tail, timestamp, maxEvents, maxAgeMillis, maxBytes, idle millis, candidate
   * epoch, channel, room. The message is {@code room\nroomSeq\nserverSeq\nepoch\nframe}. Returns
   * {roomSeq, serverSeq}.
   */
  public static final String PUBLISH =
      ENSURE
          + RECORD
          + """
          local epoch = ensure(KEYS[1], KEYS[2], ARGV[9])
          local roomSeq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
          local serverSeq = redis.call('INCR', KEYS[3])
          local frame = ARGV[1] .. roomSeq .. ARGV[2] .. serverSeq .. ARGV[3]
          record(KEYS[1], KEYS[2], roomSeq, ARGV[4], frame,
                 tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]))
          redis.call('PEXPIRE', KEYS[1], ARGV[8])
          redis.call('PUBLISH', ARGV[10],
                     ARGV[11] .. '\\n' .. roomSeq .. '\\n' .. serverSeq .. '\\n' .. epoch
                     .. '\\n' .. frame)
          return {roomSeq, serverSeq}
          """;

  private RedisStreamScripts() {}

  /** The key of a room's stream hash. */
  public static String streamKey(String prefix, String room) {
    return prefix + "stream:" + room;
  }

  /** The key of a room's history. */
  public static String historyKey(String prefix, String room) {
    return prefix + "history:" + room;
  }
}
