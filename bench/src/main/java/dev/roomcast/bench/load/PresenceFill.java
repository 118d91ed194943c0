package dev.roomcast.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Issue 16, item 3: how long a room takes to fill when n members join at once, with presence
 * announced per user ({@code room:<id>}: one {@code user-joined} per arrival, to everyone already
 * there) and batched ({@code hall:<id>}: {@code presence:diff} per window). A fill is done when
 * every member has seen the final occupancy; the server's CPU time and the presence frames
 * delivered are counted over the same span. Usage: {@code PresenceFill --url ws://127.0.0.1:PORT/ws
 * --rest http://127.0.0.1:PORT --pid PID --sizes 1000,5000 --out FILE}.
 */
public final class PresenceFill {

  private static final long FILL_LIMIT_SECONDS = 600;

  private final URI uri;
  private final String rest;
  private final ServerProbe probe;
  private final ClientLoop loop;
  private final Deliveries deliveries = new Deliveries();
  private final HttpClient http = HttpClient.newHttpClient();

  private PresenceFill(Map<String, String> options) throws Exception {
    this.uri = URI.create(options.get("url"));
    this.rest = options.get("rest");
    this.probe = new ServerProbe(Long.parseLong(options.get("pid")), true);
    this.loop = new ClientLoop();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].substring(2), args[i + 1]);
    }
    PresenceFill fill = new PresenceFill(options);
    Path out = Path.of(options.get("out"));
    Files.writeString(
        out,
        "members,presence,seconds,server_cpu_s,presence_frames,frames_per_member,note\n",
        StandardCharsets.UTF_8);
    for (String size : options.getOrDefault("sizes", "1000,5000").split(",")) {
      int n = Integer.parseInt(size.trim());
      // batched first: the per-user room's departures (n²/2 more frames) must not overlap it
      for (String mode : List.of("batched", "each")) {
        String row = fill.fill(n, mode);
        Files.writeString(out, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
    }
    System.exit(0);
  }

  private String fill(int n, String mode) throws Exception {
    String id = "fill-" + mode + "-" + n + "-" + System.nanoTime();
    String room = "each".equals(mode) ? "room:" + id : "hall:" + id;
    if ("each".equals(mode)) {
      createRoom(id);
    }
    List<BenchClient> clients = connect(n);
    settle();
    double cpuBefore = probe.cpuSeconds();
    long start = System.nanoTime();
    for (BenchClient client : clients) {
      client.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
    }
    long deadline = start + TimeUnit.SECONDS.toNanos(FILL_LIMIT_SECONDS);
    int behind = n;
    while (System.nanoTime() < deadline) {
      behind = 0;
      for (BenchClient client : clients) {
        if (client.maxOccupancy() < n) {
          behind++;
        }
      }
      if (behind == 0) {
        break;
      }
      Thread.sleep(20);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = probe.cpuSeconds() - cpuBefore;
    long frames = clients.stream().mapToLong(BenchClient::presenceFrames).sum();
    String note = behind == 0 ? "all saw occupancy " + n : behind + " members short after limit";
    clients.forEach(BenchClient::close);
    settle();
    return String.format(
        Locale.ROOT,
        "%d,%s,%.2f,%.2f,%d,%.1f,%s",
        n,
        mode,
        seconds,
        cpu,
        frames,
        (double) frames / n,
        note);
  }

  /** Waits until the server is nearly idle (at most 180 s): a fill starts from a quiet server. */
  private void settle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      double before = probe.cpuSeconds();
      Thread.sleep(1000);
      if (probe.cpuSeconds() - before < 0.05) {
        return;
      }
    }
  }

  private List<BenchClient> connect(int count) throws Exception {
    Semaphore inFlight = new Semaphore(100);
    List<CompletableFuture<BenchClient>> opening = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no handshake within 30 s after " + i + " connections");
      }
      opening.add(
          BenchClient.open(loop, uri, Flavor.ROOMCAST, deliveries)
              .whenComplete((client, failure) -> inFlight.release()));
    }
    List<BenchClient> clients = new ArrayList<>();
    for (CompletableFuture<BenchClient> future : opening) {
      clients.add(future.get(60, TimeUnit.SECONDS));
    }
    return clients;
  }

  private void createRoom(String id) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(rest + "/api/rooms"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("room " + id + " not created: " + response.statusCode());
    }
  }
}
