package dev.roomcast.handshake.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-IP connection entries in this JVM's heap: IP hash to (sid to connect time). */
public class InMemoryConnectionLimits implements ConnectionLimitStore {

  private final Map<String, Map<String, Long>> byIp = new ConcurrentHashMap<>();

  @Override
  public boolean admit(
      String ipHash, String sid, int limit, long nowMillis, long staleAfterMillis) {
    boolean[] admitted = new boolean[1];
    byIp.compute(
        ipHash,
        (key, entries) -> {
          Map<String, Long> next = entries == null ? new LinkedHashMap<>() : entries;
          next.values().removeIf(since -> nowMillis - since > staleAfterMillis);
          if (next.containsKey(sid) || next.size() < limit) {
            next.put(sid, nowMillis);
            admitted[0] = true;
          }
          return next.isEmpty() ? null : next;
        });
    return admitted[0];
  }

  @Override
  public void release(String ipHash, String sid) {
    byIp.computeIfPresent(
        ipHash,
        (key, entries) -> {
          entries.remove(sid);
          return entries.isEmpty() ? null : entries;
        });
  }

  @Override
  public int connectionCount(String ipHash, long nowMillis, long staleAfterMillis) {
    int[] count = new int[1];
    byIp.computeIfPresent(
        ipHash,
        (key, entries) -> {
          entries.values().removeIf(since -> nowMillis - since > staleAfterMillis);
          count[0] = entries.size();
          return entries.isEmpty() ? null : entries;
        });
    return count[0];
  }

  @Override
  public void purgeStale(long nowMillis, long staleAfterMillis) {
    for (String ipHash : byIp.keySet()) {
      connectionCount(ipHash, nowMillis, staleAfterMillis);
    }
  }
}
