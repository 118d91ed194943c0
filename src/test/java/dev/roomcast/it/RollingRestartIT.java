package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.roomcast.support.RedisTestServer;
import dev.roomcast.support.RoomcastNode;
import dev.roomcast.support.TestCredentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.logging.Logger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rolling restart (B6, B13): nodes on one Redis; 200 clients in several rooms on the node that
 * goes, a steady publisher on the node that stays. When the leaving node is drained ({@code POST
 * /api/node/drain}, both containers) or stopped with SIGTERM (Payara Micro; WildFly closes its
 * sockets before the application hears of it), each client gets {@code node:draining} and 1001,
 * reconnects to the survivor after the jittered delay and resumes with {@code ?resume=}: no event
 * lost, none twice. What the leaving node's connections held (presence, a lock, a presenter role)
 * is gone from the survivor's view by the time the drain call answers or the process has exited;
 * and a node killed outright is still cleaned up by the survivor after the node timeout.
 */
class RollingRestartIT {

  private static final Logger LOG = Logger.getLogger(RollingRestartIT.class.getName());

  private static final long NODE_TIMEOUT_MILLIS = 2000;
  private static final long RECONNECT_SPREAD_MILLIS = 1000;
  private static final int CLIENTS = 200;
  private static final int ROOMS = 5;

  /** How soon after the drain answered (or the process exited) its holdings must be gone. */
  private static final Duration RELEASE_BOUND = Duration.ofSeconds(2);

  private static final ClientManager CLIENT = sharedClient();

  private static final Map<String, RoomcastNode> NODES = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService RECONNECTS = Executors.newScheduledThreadPool(32);

  @BeforeAll
  static void startNodes() throws Exception {
    Map<String, String> env =
        Map.of(
            "ROOMCAST_STORE",
            "redis",
            "REDIS_URL",
            RedisTestServer.url().toString(),
            "ROOMCAST_REDIS_PREFIX",
            "rolling-" + UUID.randomUUID() + ":",
            "ROOMCAST_NODE_TIMEOUT_MILLIS",
            Long.toString(NODE_TIMEOUT_MILLIS),
            "ROOMCAST_DRAIN_RECONNECT_SPREAD_MILLIS",
            Long.toString(RECONNECT_SPREAD_MILLIS));
    // a killed node's clean-up by the survivor: TwoNodesIT.killingANodeReleases..._B1
    List<String> names = new ArrayList<>(List.of("survivor", "drained"));
    if (!RoomcastNode.onWildFly()) {
      names.add("stopped");
    }
    // started together: the run stays short on a machine where boots take most of it
    ExecutorService starts = Executors.newFixedThreadPool(names.size());
    try {
      List<Future<?>> started = new ArrayList<>();
      for (String name : names) {
        started.add(starts.submit(() -> NODES.put(name, RoomcastNode.start(name, env))));
      }
      for (Future<?> start : started) {
        start.get(5, TimeUnit.MINUTES);
      }
    } finally {
      starts.shutdown();
    }
  }

  @AfterAll
  static void stopNodes() throws Exception {
    RECONNECTS.shutdownNow();
    for (RoomcastNode node : NODES.values()) {
      node.close();
    }
  }

  @Test
  void drainedNodesClientsResumeOnTheSurvivorLosingNothing_B6() throws Exception {
    RoomcastNode leaving = NODES.get("drained");
    RollingRestart restart = new RollingRestart(leaving, NODES.get("survivor"));
    restart.connectAndHold();
    restart.publishFor(Duration.ofSeconds(1));
    long start = System.nanoTime();
    HttpResponse<String> drained = drain(leaving);
    long answeredAt = System.nanoTime();
    assertEquals(200, drained.statusCode(), "drain answered: " + drained.body());
    JsonObject report = Json.createReader(new StringReader(drained.body())).readObject();
    LOG.info("drain report: " + report + " after " + millis(start, answeredAt) + " ms");
    assertEquals("drained", report.getString("status"));
    assertEquals(CLIENTS + 1, report.getInt("notified"), "every connection told");
    assertEquals(0, report.getInt("remaining"));

    restart.assertReleasedOnSurvivor(answeredAt, "drain");
    // no new sockets, and load balancers are told
    RestClient.Reply health = rest(leaving).get("health");
    assertEquals(503, health.status());
    assertEquals("draining", health.object().getString("status"));
    assertThrows(Exception.class, () -> WsClient.connect(leaving.base()), "upgrade refused");
    assertEquals(
        503,
        rest(leaving).withoutCredentials().getRaw("../ws").statusCode(),
        "the upgrade's answer while draining");
    // a second call answers the same report
    assertEquals(report, rest(leaving).post("node/drain", "{}").object(), "the same report");
    assertEquals(
        403,
        rest(leaving).withBearer(Tokens.valid("a-client")).post("node/drain", "{}").status(),
        "clients may not drain");

    restart.awaitRehomedAndComplete("drain");
  }

  @Test
  void sigtermOnPayaraDrainsTheSameWay_B6() throws Exception {
    assumeFalse(
        RoomcastNode.onWildFly(),
        "WildFly closes every socket with 1001 before the application hears of a SIGTERM: the"
            + " drain call is the way there (the release on stop is tested with the kill)");
    RoomcastNode leaving = NODES.get("stopped");
    RollingRestart restart = new RollingRestart(leaving, NODES.get("survivor"));
    restart.connectAndHold();
    restart.publishFor(Duration.ofSeconds(1));
    long start = System.nanoTime();
    leaving.close(); // SIGTERM, and waits for the process to exit
    long exitedAt = System.nanoTime();
    LOG.info("SIGTERM: the node exited after " + millis(start, exitedAt) + " ms");
    restart.assertReleasedOnSurvivor(exitedAt, "SIGTERM");
    restart.awaitRehomedAndComplete("SIGTERM");
  }

  /** One rolling-restart scenario: clients on {@code leaving}, the publisher on {@code stays}. */
  private static final class RollingRestart {

    private final RoomcastNode leaving;
    private final RoomcastNode stays;
    private final List<String> rooms = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final AtomicIntegerArray published = new AtomicIntegerArray(ROOMS);
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private Thread publisher;
    private Member holder;
    private String holderRoom;

    RollingRestart(RoomcastNode leaving, RoomcastNode stays) {
      this.leaving = leaving;
      this.stays = stays;
    }

    /**
     * 200 clients in {@link #ROOMS} rooms on the leaving node, and one more holding a lock and the
     * presenter role in a room of its own; all of them re-home to the survivor when told.
     */
    void connectAndHold() throws Exception {
      for (int r = 0; r < ROOMS; r++) {
        rooms.add(createRoom(stays, "rolling"));
      }
      ExecutorService connects = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> opened = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          Member member = new Member("room:" + rooms.get(i % ROOMS));
          member.rehomeTo(stays.base());
          members.add(member);
          opened.add(
              connects.submit(
                  () -> {
                    member.connect(leaving.base(), null);
                    return null;
                  }));
        }
        for (Future<?> open : opened) {
          open.get(60, TimeUnit.SECONDS);
        }
      } finally {
        connects.shutdown();
      }
      for (Member member : members) {
        member.awaitJoined();
      }
      holderRoom = createRoom(stays, "held");
      holder = new Member("room:" + holderRoom);
      holder.connect(leaving.base(), null);
      holder.awaitJoined();
      holder.hold();
      assertEquals(
          1, presentFrom(stays, holderRoom, holder.nodeId()), "presence seen on the survivor");
    }

    /** Starts the steady publisher (about 100 events a second over the rooms) on the survivor. */
    void publishFor(Duration before) throws InterruptedException {
      RestClient rest = rest(stays);
      publisher =
          new Thread(
              () -> {
                int n = 0;
                while (publishing.get()) {
                  int room = n++ % ROOMS;
                  int i = published.get(room);
                  RestClient.Reply reply =
                      rest.post(
                          "rooms/" + rooms.get(room) + "/events",
                          "{\"type\":\"frame_update\",\"data\":{\"i\":" + i + "}}");
                  if (reply.status() == 202) {
                    published.incrementAndGet(room);
                  }
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "rolling-publisher");
      publisher.start();
      Thread.sleep(before.toMillis());
    }

    void assertReleasedOnSurvivor(long goneAt, String how) throws Exception {
      List<String> held = new ArrayList<>(rooms);
      held.add(holderRoom);
      long releasedAt = awaitReleased(stays, held, holder.nodeId(), RELEASE_BOUND);
      LOG.info(
          how
              + ": presence of "
              + (CLIENTS + 1)
              + " clients, the lock and the presenter were gone on the survivor "
              + millis(goneAt, releasedAt)
              + " ms after the node "
              + ("drain".equals(how) ? "answered the drain" : "exited"));
    }

    /**
     * Every client re-homed and resumed; after a further second of publishing, each has every event
     * of its room exactly once.
     */
    void awaitRehomedAndComplete(String how) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (Member member : members) {
        assertTrue(
            member.rehomed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
            "re-homed and resumed: " + member);
      }
      Thread.sleep(1000);
      publishing.set(false);
      publisher.join(10_000);
      long complete = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      for (Member member : members) {
        int expected = published.get(rooms.indexOf(member.room.substring("room:".length())));
        while (member.received() < expected && System.nanoTime() < complete) {
          Thread.sleep(20);
        }
      }
      int lost = 0;
      int duplicated = 0;
      int gaps = 0;
      int noticed = 0;
      int goingAway = 0;
      List<Long> rehome = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (Member member : members) {
        if (member.failure != null) {
          failures.add(member.sid + ": " + member.failure);
        }
        int expected = published.get(rooms.indexOf(member.room.substring("room:".length())));
        lost += expected - member.received();
        duplicated += member.duplicates.get();
        gaps += member.gaps.get();
        noticed += member.noticed ? 1 : 0;
        goingAway += member.firstCloseCode == 1001 ? 1 : 0;
        rehome.add(member.rehomeMillis());
      }
      Collections.sort(rehome);
      int total = 0;
      for (int r = 0; r < ROOMS; r++) {
        total += published.get(r);
      }
      LOG.info(
          how
              + ": "
              + CLIENTS
              + " clients, "
              + total
              + " events published over "
              + ROOMS
              + " rooms: lost "
              + lost
              + ", duplicated "
              + duplicated
              + ", gaps "
              + gaps
              + ", told "
              + noticed
              + ", closed with 1001 "
              + goingAway
              + "; re-homed after p50 "
              + rehome.get(rehome.size() / 2)
              + " ms, p99 "
              + rehome.get(rehome.size() * 99 / 100)
              + " ms, max "
              + rehome.get(rehome.size() - 1)
              + " ms (reconnect spread "
              + RECONNECT_SPREAD_MILLIS
              + " ms)");
      members.forEach(Member::close);
      holder.close();
      assertTrue(failures.isEmpty(), failures.size() + " clients failed: " + failures);
      assertEquals(0, lost, "events lost");
      assertEquals(0, duplicated, "events duplicated");
      assertEquals(0, gaps, "gaps in roomSeq");
      assertEquals(CLIENTS, noticed, "clients told with node:draining");
      assertEquals(CLIENTS, goingAway, "clients closed with 1001");
    }
  }

  /**
   * A client of one room that, when its node closes the socket, reconnects to {@code rehomeTo}
   * after the delay {@code node:draining} named, resuming its room with {@code ?resume=}.
   */
  private static final class Member {
    private final String room;
    private final Set<Integer> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger gaps = new AtomicInteger();
    private final CountDownLatch joined = new CountDownLatch(1);
    private final CountDownLatch rehomed = new CountDownLatch(1);
    private final Map<String, CountDownLatch> acks = new ConcurrentHashMap<>();
    private volatile URI rehomeTo;
    private volatile Session session;
    private volatile String sid;
    private volatile long lastSeq;
    private volatile String epoch;
    private volatile boolean noticed;
    private volatile long reconnectDelayMs;
    private volatile int firstCloseCode;
    private volatile long closedAtNanos;
    private volatile long rehomedAtNanos;
    private volatile String failure;
    // set before the re-home's connect: its ack:join must say resumed
    private volatile boolean resuming;

    Member(String room) {
      this.room = room;
    }

    void rehomeTo(URI base) {
      rehomeTo = base;
    }

    void connect(URI base, String resume) throws Exception {
      String query =
          resume == null ? "" : "?resume=" + URLEncoder.encode(resume, StandardCharsets.UTF_8);
      Member self = this;
      session =
          CLIENT.connectToServer(
              new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig config) {
                  s.addMessageHandler(String.class, (MessageHandler.Whole<String>) self::receive);
                }

                @Override
                public void onClose(Session s, CloseReason reason) {
                  self.closed(s, reason);
                }
              },
              ClientEndpointConfig.Builder.create().build(),
              URI.create("ws://" + base.getAuthority() + base.getPath() + "ws" + query));
      if (resume == null) {
        session.getAsyncRemote().sendText("{\"type\":\"join:room\",\"room\":\"" + room + "\"}");
      }
    }

    void awaitJoined() throws InterruptedException {
      assertTrue(joined.await(30, TimeUnit.SECONDS), "joined: " + this);
    }

    /** Takes the room's lock and presenter role and waits until both are granted. */
    void hold() throws Exception {
      for (String request : List.of("lock:acquire", "presenter:take")) {
        CountDownLatch acked = new CountDownLatch(1);
        acks.put(request, acked);
        session
            .getBasicRemote()
            .sendText(
                "{\"type\":\""
                    + request
                    + "\",\"room\":\""
                    + room
                    + "\",\"clientOpId\":\""
                    + request
                    + "\""
                    + ("lock:acquire".equals(request)
                        ? ",\"data\":{\"msg\":\"held\",\"ttlSeconds\":600}"
                        : "")
                    + "}");
        assertTrue(acked.await(10, TimeUnit.SECONDS), request + " granted: " + failure);
      }
    }

    String nodeId() {
      return sid.substring(0, sid.indexOf('.'));
    }

    int received() {
      return seen.size();
    }

    long rehomeMillis() {
      return (rehomedAtNanos - closedAtNanos) / 1_000_000;
    }

    private void receive(String text) {
      JsonObject message = Json.createReader(new StringReader(text)).readObject();
      String type = message.getString("type", "");
      JsonObject data =
          message.get("data") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
      switch (type) {
        case "connection_status" -> {
          if (sid == null) {
            sid = data.getString("sid");
          }
        }
        case "ack:join" -> {
          if (!data.getBoolean("success", false)
              || (resuming && !data.getBoolean("resumed", false))) {
            failure = "join: " + text;
          } else if (!resuming) {
            lastSeq = data.getJsonNumber("roomSeq").longValue();
            epoch = data.getString("epoch");
          }
          joined.countDown();
        }
        case "sync:complete" -> {
          rehomedAtNanos = System.nanoTime();
          rehomed.countDown();
        }
        case "sync:error", "err:op", "error" -> failure = text;
        case "ack:op" -> {
          CountDownLatch acked = acks.remove(data.getString("clientOpId", ""));
          if (acked != null) {
            acked.countDown();
          }
        }
        case "node:draining" -> {
          noticed = true;
          reconnectDelayMs = data.getJsonNumber("reconnectDelayMs").longValue();
        }
        default -> numbered(message, type, data);
      }
    }

    private void numbered(JsonObject message, String type, JsonObject data) {
      if (!room.equals(message.getString("room", null)) || !message.containsKey("roomSeq")) {
        return;
      }
      long roomSeq = message.getJsonNumber("roomSeq").longValue();
      if (roomSeq <= lastSeq) {
        duplicates.incrementAndGet();
        return;
      }
      if (roomSeq > lastSeq + 1 && gaps.incrementAndGet() == 1) {
        failure =
            "gap: "
                + lastSeq
                + " -> "
                + roomSeq
                + (closedAtNanos == 0 ? " before" : rehomedAtNanos == 0 ? " during" : " after")
                + " the re-home";
      }
      lastSeq = roomSeq;
      if ("frame_update".equals(type) && !seen.add(data.getInt("i"))) {
        duplicates.incrementAndGet();
      }
    }

    private void closed(Session closedSession, CloseReason reason) {
      if (closedSession != session || firstCloseCode != 0 || rehomeTo == null) {
        return;
      }
      firstCloseCode = reason.getCloseCode().getCode();
      closedAtNanos = System.nanoTime();
      String resume =
          "{\"" + room + "\":{\"roomSeq\":" + lastSeq + ",\"epoch\":\"" + epoch + "\"}}";
      RECONNECTS.schedule(
          () -> {
            try {
              resuming = true;
              connect(rehomeTo, resume);
            } catch (Exception e) {
              failure = "re-home failed: " + e;
            }
          },
          reconnectDelayMs,
          TimeUnit.MILLISECONDS);
    }

    void close() {
      rehomeTo = null;
      Session open = session;
      try {
        if (open != null && open.isOpen()) {
          open.close();
        }
      } catch (Exception e) {
        LOG.fine(() -> "closing " + sid + ": " + e);
      }
    }

    @Override
    public String toString() {
      return "Member[" + sid + " in " + room + ", seq " + lastSeq + ", failure " + failure + "]";
    }
  }

  private static ClientManager sharedClient() {
    ClientManager client = ClientManager.createClient();
    client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
    return client;
  }

  /**
   * {@code POST /api/node/drain} with the backend's key; it answers once the node is drained, which
   * on a loaded machine can take longer than the shared client's 10 s.
   */
  private static HttpResponse<String> drain(RoomcastNode node) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(node.base().resolve("api/node/drain"))
                .header("Authorization", "Bearer " + TestCredentials.API_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static RestClient rest(RoomcastNode node) {
    return new RestClient(node.base().resolve("api/"));
  }

  private static String createRoom(RoomcastNode node, String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(201, rest(node).post("rooms", "{\"id\":\"" + id + "\"}").status());
    return id;
  }

  /** How many users of {@code nodeId}'s connections the survivor lists as present in the room. */
  private static int presentFrom(RoomcastNode survivor, String room, String nodeId) {
    JsonObject presence = rest(survivor).get("rooms/" + room + "/presence").object();
    int count = 0;
    for (JsonValue member : presence.getJsonArray("members")) {
      if (((JsonObject) member).getString("userId").startsWith("anon-" + nodeId + ".")) {
        count++;
      }
    }
    return count;
  }

  /**
   * Waits until the survivor shows no presence of {@code nodeId}'s connections in {@code rooms} and
   * no lock or presenter role of them; returns when (nanoTime), or fails after {@code bound}.
   */
  private static long awaitReleased(
      RoomcastNode survivor, List<String> rooms, String nodeId, Duration bound)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    int sweeps = 0;
    Map<String, String> left = new HashMap<>();
    // releases never come back, so a room found clear stays clear: only the others are re-read
    List<String> pending = new ArrayList<>(rooms);
    while (true) {
      left.clear();
      sweeps++;
      for (String room : pending) {
        int present = presentFrom(survivor, room, nodeId);
        if (present > 0) {
          left.put(room, present + " present");
        }
        JsonObject metadata = rest(survivor).get("rooms/" + room).object();
        for (String field : List.of("metadataLocked", "presenterSid")) {
          JsonValue value = metadata.get(field);
          if (value != null && value != JsonValue.NULL) {
            left.merge(room, field, (a, b) -> a + ", " + b);
          }
        }
      }
      long now = System.nanoTime();
      if (left.isEmpty()) {
        // over REST on a loaded machine one look at every room takes seconds: say how many
        LOG.info(
            "released on the survivor: seen after "
                + sweeps
                + " look(s) at the rooms, the last ending "
                + millis(start, now)
                + " ms after the first began");
        return now;
      }
      pending.retainAll(left.keySet());
      assertFalse(now > deadline, "still held after " + bound + ": " + left);
      Thread.sleep(50);
    }
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }
}
