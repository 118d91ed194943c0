package dev.roomcast.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * Drives one server through scenarios S1-S5 and appends one CSV row per step. Every step is bounded
 * in time; the run ends by itself.
 *
 * <p>Arguments: {@code --server NAME --flavor roomcast|roomcast_sio|plain|socketio --url WS_URL
 * --pid PID [--jvm] [--rest HTTP_BASE] [--scale full|smoke] [--big] [--only S1,S2,...] [--s5 N]
 * [--s5-sources K] [--s5-seconds LIMIT] [--s5-room MEMBERS] --out FILE}.
 */
public final class LoadRun {

  static final String HEADER =
      "server,scenario,step,target_msgs_per_s,published,deliveries,seconds,deliveries_per_s,"
          + "p50_ms,p99_ms,max_ms,server_cpu_s,deliveries_per_cpu_s,client_cpu_pct,rss_mb,"
          + "heap_mb,frame_bytes,note";

  private static final Logger LOG = Logger.getLogger(LoadRun.class.getName());
  private static final String PAD = "x".repeat(48);
  private static final int HOT_ROOM = 1000;
  private static final int JOINS_IN_FLIGHT = 10;

  private final Map<String, String> options;
  private final String server;
  private final Flavor flavor;
  private final URI uri;
  private final ServerProbe probe;
  private final Path out;
  private final boolean smoke;
  private final HttpClient http;
  private final ClientLoop loop;
  private final Deliveries deliveries = new Deliveries();
  private final Random random = new Random(42);

  private LoadRun(Map<String, String> options) {
    this.options = options;
    this.server = options.get("server");
    this.flavor = Flavor.valueOf(options.get("flavor").toUpperCase(Locale.ROOT));
    this.uri = URI.create(options.get("url"));
    this.probe = new ServerProbe(Long.parseLong(options.get("pid")), options.containsKey("jvm"));
    this.out = Path.of(options.get("out"));
    this.smoke = "smoke".equals(options.getOrDefault("scale", "full"));
    this.http =
        HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(2, daemon("ws-client")))
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    try {
      this.loop = new ClientLoop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs every scenario against one server. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i].substring(2);
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      options.put(key, flag ? "true" : args[++i]);
    }
    LoadRun run = new LoadRun(options);
    run.createRoomsIfAsked();
    String only = options.getOrDefault("only", "S1,S2,S3");
    if (only.contains("S1")) {
      run.guarded("S1", run::bigRoom);
    }
    if (only.contains("S2")) {
      run.guarded("S2", run::smallRooms);
    }
    if (only.contains("S3")) {
      run.guarded("S3", run::churnAndSlowConsumers);
    }
    if (only.contains("S4")) {
      run.guarded("S4", run::acrossNodes);
    }
    if (only.contains("S5")) {
      run.guarded("S5", run::manyIdle);
    }
    System.exit(0);
  }

  private void guarded(String scenario, Scenario body) {
    try {
      body.run();
    } catch (Exception e) {
      LOG.severe(server + " " + scenario + " failed: " + e);
      write(scenario, "failed", 0, 0, 0, 0, new Latencies(), 0, 0, Double.NaN, e.toString());
    }
  }

  /** S1: one room, one publisher; saturation, then fixed rates (msgs/s into the room). */
  private void bigRoom() throws Exception {
    int members = smoke ? 100 : 1000;
    List<BenchClient> clients = connect(members, i -> 0);
    BenchClient publisher = clients.get(0);
    LongConsumer publish = n -> publisher.publish("b0", payload(n));
    // unmeasured: lets JIT compilers and pools settle, for every server alike
    step("S1", "warm-up", 0, smoke ? 3 : 8, members, 32L * members, publish);
    step("S1", "1k saturation", 0, 10, members, 32L * members, publish);
    for (int rate : smoke ? new int[] {5} : new int[] {5, 20, 50}) {
      step("S1", "1k " + rate + " msg/s", rate, 6, members, 2L * rate * members, publish);
    }
    closeAll(clients);
    if (options.containsKey("big") && !smoke) {
      List<BenchClient> many = connect(5000, i -> 0);
      BenchClient first = many.get(0);
      step("S1", "5k saturation", 0, 8, 5000, 16L * 5000, n -> first.publish("b0", payload(n)));
      closeAll(many);
    }
  }

  /**
   * S4: S1 across two nodes: the members on {@code --url}, the publisher on {@code --publish-url}
   * (another node sharing Redis), so every delivery crosses Redis pub/sub. Without {@code
   * --publish-url} the publisher is on the same node: the single-node figure to compare with.
   */
  private void acrossNodes() throws Exception {
    int members = smoke ? 100 : 1000;
    List<BenchClient> clients = connect(members, i -> 0);
    URI publishAt = URI.create(options.getOrDefault("publish-url", uri.toString()));
    BenchClient publisher = BenchClient.open(loop, publishAt, flavor, deliveries).get(60, TimeUnit.SECONDS);
    publisher.join("b0");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (publisher.joinAcks() < 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("publisher's join not acknowledged within 30 s");
      }
      sleep(50);
    }
    int fanout = members + 1;
    LongConsumer publish = n -> publisher.publish("b0", payload(n));
    // 1,000 joins announce 1,000 user-joined to up to 1,000 members each (presence, F4.4); across
    // nodes they are delivered after the joins return, so one probe must arrive everywhere first
    long base = deliveries.total();
    publish.accept(0);
    long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (deliveries.total() - base < fanout && System.nanoTime() < settle) {
      sleep(200);
    }
    deliveries.restart();
    String where = options.containsKey("publish-url") ? "cross-node" : "same node";
    // fixed rates first and saturation last: a saturated cross-node backlog would otherwise
    // drain into the fixed-rate steps and measure the backlog instead of the path
    step("S4", "warm-up", 20, smoke ? 3 : 6, fanout, 2L * 20 * fanout, publish);
    for (int rate : smoke ? new int[] {5} : new int[] {10, 20, 50}) {
      step("S4", where + " " + rate + " msg/s", rate, 6, fanout, 2L * rate * fanout, publish);
    }
    step("S4", where + " saturation", 0, 10, fanout, 32L * fanout, publish);
    List<BenchClient> all = new ArrayList<>(clients);
    all.add(publisher);
    closeAll(all);
  }

  /**
   * S5: tens of thousands of idle connections on one node (issue 16): how fast they open, what each
   * costs in heap and RSS, and a broadcast into a room of 5,000 of them while the rest sit idle.
   * Bounded: opening gives up after {@code --s5-seconds} and the step reports what it held.
   */
  private void manyIdle() throws Exception {
    int asked = Integer.parseInt(options.getOrDefault("s5", smoke ? "2000" : "50000"));
    // each connection is a descriptor on both sides; past the limit a JVM cannot even open a
    // class file, so the step stays 1,000 below the lower limit and says so
    int target = Math.min(asked, descriptorBudget() - 1000);
    if (target < asked) {
      LOG.warning(
          String.format(
              "%s S5: %d connections capped to %d by the open files limit", server, asked, target));
    }
    // each loopback source has its own ~28,000 ephemeral ports, and the previous server's run
    // leaves its ports in TIME_WAIT for a minute: at most 10,000 from each (bind's search for a
    // free port also slows down as the range fills)
    int sources =
        Integer.parseInt(
            options.getOrDefault("s5-sources", Integer.toString((target + 9_999) / 10_000)));
    long limit =
        TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("s5-seconds", "240")));
    String size = target % 1000 == 0 ? target / 1000 + "k" : Integer.toString(target);
    // --s5-sources 0: no source address, the kernel picks 127.0.0.1 and its ports
    InetAddress[] from = new InetAddress[Math.max(1, sources)];
    for (int i = 0; i < sources; i++) {
      from[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)});
    }
    double heapBefore = probe.heapAfterGcMb();
    double rssBefore = probe.rssMb();
    Opened opened = open(target, from, limit);
    List<BenchClient> clients = opened.clients();
    try {
      int held = clients.size();
      write(
          "S5",
          size + " connect",
          0,
          target,
          held,
          opened.seconds(),
          new Latencies(),
          0,
          0,
          Double.NaN,
          String.format(
              Locale.ROOT,
              "deliveries/s = connections/s; %d of %d held from %d source addresses; open files"
                  + " limit server %s client %s%s%s",
              held,
              target,
              sources,
              probe.openFilesLimit(),
              ServerProbe.selfOpenFilesLimit(),
              target < asked ? " (" + asked + " asked)" : "",
              opened.failure() == null
                  ? ""
                  : "; " + opened.failed() + " failed, first: " + opened.failure()));
      if (held == 0) {
        return;
      }
      sleep(2000);
      double heapAfter = probe.heapAfterGcMb();
      double rssAfter = probe.rssMb();
      write(
          "S5",
          size + " idle",
          0,
          0,
          held,
          0,
          new Latencies(),
          0,
          0,
          heapAfter,
          String.format(
              Locale.ROOT,
              "per idle connection: rss %.1f KiB heap %.1f KiB; %d held",
              (rssAfter - rssBefore) * 1024 / held,
              (heapAfter - heapBefore) * 1024 / held,
              held));
      broadcastAmongIdle(clients, size);
    } finally {
      closeAll(clients);
      // 50,000 closes take the server a while: the next server or scenario starts after them
      sleep(Math.min(10_000, clients.size() / 5));
    }
  }

  /** The lower of the server's and the load generator's open files limits. */
  private int descriptorBudget() {
    int budget = Integer.MAX_VALUE;
    for (String limit : List.of(probe.openFilesLimit(), ServerProbe.selfOpenFilesLimit())) {
      if (limit.matches("[0-9]+")) {
        budget = (int) Math.min(budget, Long.parseLong(limit));
      }
    }
    return budget;
  }

  /** S5's broadcast: {@code --s5-room} (5,000) of the open connections join b0, one publishes. */
  private void broadcastAmongIdle(List<BenchClient> clients, String size) {
    int members =
        Math.min(clients.size(), Integer.parseInt(options.getOrDefault("s5-room", "5000")));
    List<BenchClient> room = clients.subList(0, members);
    int acks = room.stream().mapToInt(BenchClient::joinAcks).sum();
    String step = (members % 1000 == 0 ? members / 1000 + "k" : members) + " of " + size;
    // Few joins outstanding. roomcast announces each join to the members already there
    // (presence): 5,000 joins are 12.5 million user-joined frames, a minute or more of the
    // server's core, and each join holds a container thread while it waits for the room. 5,000
    // at once overflow Payara's http-thread-pool queue (4,096 tasks), whose rejected reads leave
    // connections unread for good; 1,000 at once keep all 200 threads waiting on the room, so the
    // pongs of the idle connections queue behind them and roomcast closes hundreds as lost.
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(300);
    int sent = 0;
    int acked;
    while ((acked = room.stream().mapToInt(BenchClient::joinAcks).sum() - acks) < members) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "S5: " + acked + " of " + members + " joins into b0 acknowledged within 300 s");
      }
      while (sent < members && sent - acked < JOINS_IN_FLIGHT) {
        room.get(sent++).join("b0");
      }
      sleep(5);
    }
    double joining = (System.nanoTime() - start) / 1e9;
    write(
        "S5",
        step + " join",
        0,
        members,
        members,
        joining,
        new Latencies(),
        0,
        0,
        Double.NaN,
        "deliveries/s = joins/s; roomcast announces each join to the room (presence); ws does not");
    BenchClient publisher = room.get(0);
    LongConsumer publish = n -> publisher.publish("b0", payload(n));
    // one probe through the room: once every member has it, the presence backlog ahead of it is
    // delivered too and the measured steps see only their own events
    deliveries.restart();
    long base = deliveries.total();
    publish.accept(0);
    long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (deliveries.total() - base < members && System.nanoTime() < settle) {
      sleep(200);
    }
    deliveries.restart();
    long closed = room.stream().filter(BenchClient::isClosed).count();
    if (closed > 0) {
      LOG.warning(server + " S5: " + closed + " of the room's members were closed while joining");
    }
    step("S5", "warm-up", 2, smoke ? 2 : 4, members, 4L * members, publish);
    for (int rate : smoke ? new int[] {2} : new int[] {2, 10}) {
      step("S5", step + " " + rate + " msg/s", rate, 6, members, 2L * rate * members, publish);
    }
  }

  /**
   * Opens up to {@code count} connections round-robin over {@code sources}, 100 handshakes in
   * flight, joining none; stops at the time limit or when no handshake completes for 30 s.
   */
  private Opened open(int count, InetAddress[] sources, long limitNanos) throws Exception {
    Semaphore inFlight = new Semaphore(100);
    List<BenchClient> opening = new ArrayList<>(count);
    long start = System.nanoTime();
    long deadline = start + limitNanos;
    AtomicLong lastReady = new AtomicLong(start);
    int refusedInARow = 0;
    for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
      if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
        LOG.warning(server + " S5: no handshake completed within 30 s after " + i + " connections");
        break;
      }
      BenchClient client =
          BenchClient.start(loop, uri, sources[i % sources.length], flavor, deliveries);
      opening.add(client);
      // failing before the handshake (out of descriptors or ports): the rest would fail alike
      refusedInARow = client.ready().isCompletedExceptionally() ? refusedInARow + 1 : 0;
      if (refusedInARow >= 100) {
        LOG.warning(server + " S5: 100 connections in a row failed to open, stopping at " + i);
        break;
      }
      client
          .ready()
          .whenComplete(
              (ready, failure) -> {
                if (ready != null) {
                  lastReady.accumulateAndGet(System.nanoTime(), Math::max);
                }
                inFlight.release();
              });
      if (i % 10_000 == 9_999) {
        LOG.info(server + " S5: " + (i + 1) + " connections opening");
      }
    }
    // the last handshakes get what is left of the limit, at least 30 s
    long wait = Math.max(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
    List<BenchClient> clients = new ArrayList<>(opening.size());
    int failed = 0;
    String failure = null;
    for (BenchClient client : opening) {
      try {
        clients.add(
            client.ready().get(Math.max(1, wait - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException | TimeoutException e) {
        failed++;
        if (failure == null) {
          failure = (e instanceof ExecutionException ? e.getCause() : e).toString();
        }
        client.abort();
      }
    }
    failed += count - opening.size();
    if (failure == null && failed > 0) {
      failure = "not attempted within the time limit";
    }
    double seconds = (lastReady.get() - start) / 1e9;
    return new Opened(clients, seconds, failed, failure);
  }

  /** What S5's opening phase held, how long it took and why the rest did not open. */
  private record Opened(List<BenchClient> clients, double seconds, int failed, String failure) {}

  /** S2: rooms of 10, one publisher per room, the rate stepped up until p99 passes 100 ms. */
  private void smallRooms() throws Exception {
    int connections = Integer.parseInt(options.getOrDefault("s2", smoke ? "500" : "10000"));
    int rooms = connections / 10;
    double heapBefore = probe.heapAfterGcMb();
    double rssBefore = probe.rssMb();
    List<BenchClient> clients = connect(connections, i -> i / 10);
    sleep(2000);
    double heapAfter = probe.heapAfterGcMb();
    double rssAfter = probe.rssMb();
    write(
        "S2",
        connections + " idle",
        0,
        0,
        0,
        0,
        new Latencies(),
        0,
        0,
        heapAfter,
        String.format(
            Locale.ROOT,
            "per idle connection: rss %.1f KiB heap %.1f KiB",
            (rssAfter - rssBefore) * 1024 / connections,
            (heapAfter - heapBefore) * 1024 / connections));
    LongConsumer publish =
        n -> {
          int room = (int) (n % rooms);
          clients.get(room * 10).publish("b" + room, payload(n));
        };
    for (int rate : smoke ? new int[] {100, 400} : new int[] {500, 1000, 2000, 4000, 8000}) {
      Latencies result = step("S2", rate + " msg/s", rate, 5, 10, 10L * rate, publish);
      if (result.count() == 0 || result.quantileMillis(0.99) > 100) {
        break;
      }
    }
    closeAll(clients);
  }

  /**
   * S3: 100 rooms of 10 under churn (20 reconnects/s and 20 room switches/s) and a hot room where
   * 10 of 20 members stop reading (1% of all clients).
   */
  private void churnAndSlowConsumers() throws Exception {
    int base = smoke ? 100 : 1000;
    int rooms = base / 10;
    List<BenchClient> clients = connect(base, i -> i / 10);
    int[] roomOf = new int[base];
    for (int i = 0; i < base; i++) {
      roomOf[i] = i / 10;
    }
    List<BenchClient> hot = connect(20, i -> HOT_ROOM);
    for (int i = 10; i < 20; i++) {
      hot.get(i).stopReading();
    }
    double heapBefore = probe.heapAfterGcMb();
    double rssBefore = probe.rssMb();
    ScheduledExecutorService churn = Executors.newSingleThreadScheduledExecutor(daemon("churn"));
    churn.scheduleAtFixedRate(
        () -> {
          synchronized (clients) {
            int leaving = random.nextInt(base);
            clients.get(leaving).close();
            try {
              BenchClient fresh =
                  BenchClient.open(loop, uri, flavor, deliveries).get(10, TimeUnit.SECONDS);
              fresh.join("b" + roomOf[leaving]);
              clients.set(leaving, fresh);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
              LOG.warning("reconnect failed: " + e);
            }
            int moving = random.nextInt(base);
            int target = random.nextInt(rooms);
            clients.get(moving).leave("b" + roomOf[moving]);
            clients.get(moving).join("b" + target);
            roomOf[moving] = target;
          }
        },
        50,
        50,
        TimeUnit.MILLISECONDS);
    int baseRate = smoke ? 100 : 500;
    int hotRate = 200;
    LongConsumer publish =
        n -> {
          // 2 of every 7 slots go to the hot room when the rates are 500 and 200 msg/s
          long slot = n % (baseRate + hotRate);
          if (slot < hotRate) {
            hot.get(0).publish("b" + HOT_ROOM, payload(n));
          } else {
            synchronized (clients) {
              int room = (int) (n % rooms);
              int publisher = room * 10;
              if (roomOf[publisher] == room) {
                clients.get(publisher).publish("b" + room, payload(n));
              }
            }
          }
        };
    Latencies result;
    try {
      result =
          step(
              "S3",
              "churn+slow",
              baseRate + hotRate,
              15,
              10,
              20L * (baseRate * 10 + hotRate * 20),
              publish);
    } finally {
      churn.shutdownNow();
      churn.awaitTermination(5, TimeUnit.SECONDS);
    }
    double heapAfter = probe.heapAfterGcMb();
    double rssAfter = probe.rssMb();
    write(
        "S3",
        "memory growth",
        0,
        0,
        result.count(),
        0,
        result,
        0,
        0,
        heapAfter,
        String.format(
            Locale.ROOT,
            "heap after GC %+.1f MiB, rss %+.1f MiB over the churn step",
            heapAfter - heapBefore,
            rssAfter - rssBefore));
    closeAll(clients);
    closeAll(hot);
  }

  /**
   * Runs one measured step: publishes at {@code rate} msgs/s (0: as fast as the backlog allows) for
   * {@code seconds}, never letting more than {@code maxBacklog} deliveries be outstanding.
   */
  private Latencies step(
      String scenario,
      String step,
      int rate,
      int seconds,
      int fanout,
      long maxBacklog,
      LongConsumer publish) {
    return step(scenario, step, rate, seconds, fanout, maxBacklog, publish, !step.equals("warm-up"));
  }

  private Latencies step(
      String scenario,
      String step,
      int rate,
      int seconds,
      int fanout,
      long maxBacklog,
      LongConsumer publish,
      boolean measured) {
    deliveries.restart();
    long base = deliveries.total();
    long refused0 = deliveries.refusals();
    double cpu0 = probe.cpuSeconds();
    double self0 = ServerProbe.selfCpuSeconds();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long slot = 0;
    long published = 0;
    long now;
    while ((now = System.nanoTime()) < end) {
      long due = rate <= 0 ? Long.MAX_VALUE : (now - start) * rate / 1_000_000_000L;
      int burst = 0;
      while (slot < due && burst < 1000) {
        long backlog = published * fanout - (deliveries.total() - base);
        if (backlog >= maxBacklog) {
          if (rate > 0) {
            slot = due; // the server is behind: this tick's messages are not sent
          }
          break;
        }
        publish.accept(slot++);
        published++;
        burst++;
      }
      LockSupport.parkNanos(rate <= 0 ? 20_000 : 200_000);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long delivered = deliveries.total() - base;
    double cpu = probe.cpuSeconds() - cpu0;
    double self = ServerProbe.selfCpuSeconds() - self0;
    Latencies latencies = deliveries.restart();
    if (!measured) {
      drain(published * fanout, base);
      return latencies;
    }
    write(
        scenario,
        step,
        rate,
        published,
        delivered,
        elapsed,
        latencies,
        cpu,
        self / elapsed * 100,
        Double.NaN,
        note(rate, published, elapsed, deliveries.refusals() - refused0));
    drain(published * fanout, base);
    return latencies;
  }

  private static String note(int rate, long published, double elapsed, long refused) {
    // the first message is due one interval after the start: a step publishes one less than
    // rate x seconds on time, which at 2 msg/s is already below 95%
    String note =
        rate > 0 && published < 0.95 * rate * elapsed - 1
            ? "publisher held back: server behind"
            : "";
    if (refused > 0) {
      // a refused publish (e.g. over the connection's rate limit) never delivers: figures capped
      note += (note.isEmpty() ? "" : "; ") + refused + " requests refused by the server";
    }
    return note;
  }

  /** Waits (at most 5 s) for the step's outstanding deliveries, so steps do not overlap. */
  private void drain(long expected, long base) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long last = -1;
    while (System.nanoTime() < deadline) {
      long got = deliveries.total() - base;
      if (got >= expected || got == last) {
        break;
      }
      last = got;
      sleep(500);
    }
    deliveries.restart();
  }

  private String payload(long n) {
    return "{\"ts\":" + System.nanoTime() + ",\"n\":" + n + ",\"pad\":\"" + PAD + "\"}";
  }

  /** Opens {@code count} connections (100 handshakes at a time) and joins each to its room. */
  private List<BenchClient> connect(int count, java.util.function.IntUnaryOperator roomOf)
      throws Exception {
    Semaphore inFlight = new Semaphore(100);
    List<CompletableFuture<BenchClient>> opening = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
        clients(opening).forEach(BenchClient::abort);
        throw new IllegalStateException(
            "no handshake completed within 30 s after " + i + " connections");
      }
      int room = roomOf.applyAsInt(i);
      opening.add(
          BenchClient.open(loop, uri, flavor, deliveries)
              .whenComplete(
                  (client, failure) -> {
                    inFlight.release();
                    if (client != null) {
                      client.join("b" + room);
                    }
                  }));
    }
    List<BenchClient> clients = new ArrayList<>();
    for (CompletableFuture<BenchClient> future : opening) {
      clients.add(future.get(60, TimeUnit.SECONDS));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (clients.stream().mapToInt(BenchClient::joinAcks).sum() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("joins not acknowledged within 60 s");
      }
      sleep(50);
    }
    return clients;
  }

  private static List<BenchClient> clients(List<CompletableFuture<BenchClient>> opening) {
    return opening.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
        .map(CompletableFuture::join).toList();
  }

  private void closeAll(List<BenchClient> clients) {
    clients.forEach(BenchClient::abort);
    sleep(1500);
  }

  private void createRoomsIfAsked() throws IOException, InterruptedException {
    String rest = options.get("rest");
    if (rest == null) {
      return;
    }
    int count = Integer.parseInt(options.getOrDefault("rooms", "1001"));
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(rest + "/api/rooms"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"b" + i + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201 && response.statusCode() != 409) {
        throw new IllegalStateException("creating room b" + i + ": " + response.body());
      }
    }
  }

  private void write(
      String scenario,
      String step,
      int rate,
      long published,
      long delivered,
      double seconds,
      Latencies latencies,
      double cpu,
      double clientCpuPct,
      double heapMb,
      String note) {
    double perSecond = seconds > 0 ? delivered / seconds : Double.NaN;
    String row =
        String.join(
            ",",
            server,
            scenario,
            step,
            Integer.toString(rate),
            Long.toString(published),
            Long.toString(delivered),
            num(seconds),
            num(perSecond),
            num(latencies.quantileMillis(0.50)),
            num(latencies.quantileMillis(0.99)),
            num(latencies.maxMillis()),
            num(cpu),
            num(cpu > 0 ? delivered / cpu : Double.NaN),
            num(clientCpuPct),
            num(probe.rssMb()),
            num(heapMb),
            Integer.toString(deliveries.frameBytes()),
            note.replace(',', ';'));
    LOG.info(row);
    try {
      if (!Files.exists(out)) {
        Files.writeString(out, HEADER + "\n", StandardCharsets.UTF_8);
      }
      Files.writeString(out, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String num(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One scenario's body. */
  @FunctionalInterface
  private interface Scenario {
    void run() throws Exception;
  }
}
