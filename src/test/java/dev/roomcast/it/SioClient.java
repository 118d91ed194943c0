package dev.roomcast.it;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.json.JSONObject;

/**
 * The unmodified Socket.IO Java client ({@code io.socket:socket.io-client}) against roomcast's
 * {@code /socket.io/}, WebSocket transport only, no reconnection; every incoming event recorded,
 * and the idle check's {@code ping} answered with {@code pong}.
 */
public final class SioClient implements AutoCloseable {

  /** One event as the client's handlers see it: its name and arguments. */
  public record Event(String name, Object[] args) {
    public JSONObject data() {
      return (JSONObject) args[0];
    }

    public JSONObject meta() {
      return (JSONObject) args[1];
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Socket socket;
  private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final CompletableFuture<Object> connected = new CompletableFuture<>();
  private final CompletableFuture<Object> refused = new CompletableFuture<>();
  private final CompletableFuture<String> disconnected = new CompletableFuture<>();
  private volatile boolean pingsByAck;

  private SioClient(URI base, Map<String, String> auth, String query, String namespace) {
    this(base, auth, query, namespace, new String[] {WebSocket.NAME});
  }

  private SioClient(
      URI base, Map<String, String> auth, String query, String namespace, String[] transports) {
    IO.Options options =
        IO.Options.builder()
            .setPath(base.getPath() + "socket.io")
            .setTransports(transports)
            .setReconnection(false)
            .setForceNew(true)
            .setAuth(auth)
            .setQuery(query)
            .build();
    socket =
        IO.socket(
            URI.create("http://" + base.getHost() + ":" + base.getPort() + namespace), options);
    socket.on(Socket.EVENT_CONNECT, args -> connected.complete(socket.id()));
    socket.on(
        Socket.EVENT_CONNECT_ERROR, args -> refused.complete(args.length > 0 ? args[0] : null));
    socket.on(
        Socket.EVENT_DISCONNECT,
        args -> disconnected.complete(args.length > 0 ? String.valueOf(args[0]) : ""));
    // as seed 004's client does: the idle check's ping (F4.3, 1.5 s in the ITs) asks for an answer
    socket.on(
        "ping",
        args -> {
          if (pingsByAck && args.length > 0 && args[args.length - 1] instanceof Ack ack) {
            ack.call();
          } else {
            socket.emit("pong");
          }
        });
    socket.onAnyIncoming(
        args -> {
          Object[] rest = new Object[args.length - 1];
          System.arraycopy(args, 1, rest, 0, rest.length);
          inbox.add(new Event(String.valueOf(args[0]), rest));
        });
    socket.connect();
  }

  /** Connects and waits until CONNECT is answered. */
  public static SioClient connect(URI base, String token) throws Exception {
    return connectWithAuth(base, token == null ? Map.of() : Map.of("token", token));
  }

  /** Connects with this CONNECT auth object (its values are strings in this client). */
  public static SioClient connectWithAuth(URI base, Map<String, String> auth) throws Exception {
    return connect(base, auth, null);
  }

  /** Connects with this auth object and handshake query ({@code jobId=...}, as seed 001). */
  public static SioClient connect(URI base, Map<String, String> auth, String query)
      throws Exception {
    SioClient client = new SioClient(base, auth, query, "");
    client.connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    return client;
  }

  /** Starts connecting without waiting: for a connection that is to be refused. */
  public static SioClient attempt(URI base, String token) {
    return new SioClient(base, token == null ? Map.of() : Map.of("token", token), null, "");
  }

  /** Connects to a namespace, e.g. seed 004's {@code /public-room/<roomId>}, and waits. */
  public static SioClient connectTo(URI base, String namespace) throws Exception {
    SioClient client = attemptTo(base, namespace);
    client.connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    return client;
  }

  /**
   * Connects with the client's default transports (HTTP long-polling, then the upgrade to
   * WebSocket) and waits.
   */
  public static SioClient connectPollingFirst(URI base, String token) throws Exception {
    SioClient client =
        new SioClient(
            base,
            token == null ? Map.of() : Map.of("token", token),
            null,
            "",
            new String[] {Polling.NAME, WebSocket.NAME});
    client.connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    return client;
  }

  /** Starts connecting to a namespace without waiting. */
  public static SioClient attemptTo(URI base, String namespace) {
    return new SioClient(base, Map.of(), null, namespace);
  }

  /** The CONNECT_ERROR's argument: {@code {message, data: {code, message}}}. */
  public JSONObject awaitRefusal() throws Exception {
    return (JSONObject) refused.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The reason Socket.IO gives for the end of the session. */
  public String awaitDisconnect() throws Exception {
    return disconnected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** From now on the idle check's ping is answered by its ack instead of a {@code pong} event. */
  public void answerPingsByAck() {
    pingsByAck = true;
  }

  public boolean connected() {
    return socket.connected();
  }

  public String id() {
    return socket.id();
  }

  public void emit(String event, Object... args) {
    socket.emit(event, args);
  }

  /** Emits with an acknowledgement and waits for it; returns its arguments. */
  public Object[] call(String event, Object arg) throws Exception {
    CompletableFuture<Object[]> answer = new CompletableFuture<>();
    socket.emit(event, new Object[] {arg}, (Ack) answer::complete);
    return answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next event, whatever its name. */
  public Event next() throws InterruptedException {
    Event event = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      throw new AssertionError("nothing within " + WAIT + "; seen " + seen);
    }
    seen.add(event.name());
    return event;
  }

  public Event await(String name) throws InterruptedException {
    return await(name, e -> true);
  }

  /** Waits for the next event named {@code name} matching {@code match}; others are skipped. */
  public Event await(String name, Predicate<Event> match) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event event = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("no " + name + " within " + WAIT + "; seen " + seen);
      }
      seen.add(event.name());
      if (event.name().equals(name) && match.test(event)) {
        return event;
      }
    }
  }

  /** Every event that arrives within {@code window}. */
  public List<Event> drain(Duration window) throws InterruptedException {
    List<Event> events = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    Event event;
    while ((event = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
        != null) {
      events.add(event);
    }
    return events;
  }

  @Override
  public void close() {
    socket.close();
  }
}
