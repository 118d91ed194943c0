package dev.roomcast.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/** A test client on one real WebSocket connection: sends envelopes, waits for messages. */
public final class WsClient implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WsClient.class.getName());

  private static final ClientManager CLIENT = sharedClient();

  private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
  private final Session session;
  private final boolean answerPings;
  private volatile int pingsSeen;
  private String sid;

  private WsClient(ClientManager client, URI uri, ClientEndpointConfig config, boolean answerPings)
      throws Exception {
    this.answerPings = answerPings;
    session =
        client.connectToServer(
            new Endpoint() {
              @Override
              public void onOpen(Session s, EndpointConfig config) {
                // here, before any frame is read: a refused socket may be closed by the server
                // before connectToServer even returns
                s.setMaxTextMessageBufferSize(1 << 20);
                s.addMessageHandler(
                    String.class,
                    (MessageHandler.Whole<String>)
                        text -> receive(Json.createReader(new StringReader(text)).readObject()));
              }

              @Override
              public void onClose(Session s, CloseReason reason) {
                closed.complete(reason);
              }
            },
            config,
            uri);
  }

  /** Connects to {@code ws} under the deployment and waits for {@code connection_status}. */
  public static WsClient connect(URI base) throws Exception {
    return connect(base, "ws");
  }

  /**
   * Connects to a path (with query) under the deployment, e.g. {@code ws?token=...}, answering the
   * server's pings as a well-behaved client does, and waits for {@code connection_status}.
   */
  public static WsClient connect(URI base, String pathAndQuery) throws Exception {
    WsClient client = open(base, pathAndQuery, true, null);
    client.sid = client.await("connection_status").getJsonObject("data").getString("sid");
    return client;
  }

  /**
   * Connects over {@code wss://} to {@code ws} under an {@code https://} base, trusting what {@code
   * tls} trusts (with host name verification), and waits for {@code connection_status}.
   */
  public static WsClient connectSecure(URI httpsBase, SSLContext tls) throws Exception {
    ClientManager client = ClientManager.createClient();
    client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
    client
        .getProperties()
        .put(ClientProperties.SSL_ENGINE_CONFIGURATOR, new SslEngineConfigurator(tls));
    WsClient secure =
        new WsClient(
            client,
            URI.create("wss://" + httpsBase.getAuthority() + httpsBase.getPath() + "ws"),
            ClientEndpointConfig.Builder.create().build(),
            true);
    secure.sid = secure.await("connection_status").getJsonObject("data").getString("sid");
    return secure;
  }

  /**
   * Opens a socket without waiting for anything (it may be refused with {@code error} and a close);
   * {@code answerPings=false} makes a client that ignores {@code ping}; {@code origin}, if not
   * null, is sent as the Origin header.
   */
  public static WsClient open(URI base, String pathAndQuery, boolean answerPings, String origin)
      throws Exception {
    return openWithHeaders(
        base, pathAndQuery, answerPings, origin == null ? Map.of() : Map.of("Origin", origin));
  }

  /** As above, sending {@code headers} with the handshake (e.g. {@code X-Forwarded-For}). */
  public static WsClient openWithHeaders(
      URI base, String pathAndQuery, boolean answerPings, Map<String, String> headers)
      throws Exception {
    ClientEndpointConfig.Builder config = ClientEndpointConfig.Builder.create();
    if (!headers.isEmpty()) {
      config.configurator(
          new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> sent) {
              headers.forEach((name, value) -> sent.put(name, List.of(value)));
            }
          });
    }
    return new WsClient(
        CLIENT,
        URI.create("ws://" + base.getAuthority() + base.getPath() + pathAndQuery),
        config.build(),
        answerPings);
  }

  private void receive(JsonObject message) {
    if ("ping".equals(message.getString("type", null))) {
      pingsSeen++;
      if (answerPings) {
        session.getAsyncRemote().sendText("{\"type\":\"pong\"}");
        return;
      }
    }
    inbox.add(message);
  }

  /** How many {@code ping}s the server sent so far. */
  public int pingsSeen() {
    return pingsSeen;
  }

  public boolean isOpen() {
    return session.isOpen();
  }

  /** The next message of any type, or null if none arrives within {@code timeout}. */
  public JsonObject next(Duration timeout) throws InterruptedException {
    return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ClientManager sharedClient() {
    ClientManager client = ClientManager.createClient();
    client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
    return client;
  }

  public String sid() {
    return sid;
  }

  /** Sends a raw text frame. */
  public void sendRaw(String text) throws Exception {
    try {
      session.getBasicRemote().sendText(text);
    } catch (RejectedExecutionException e) {
      throw closedWhileSending(e);
    }
  }

  /** Sends {@code text} as one message in WebSocket frames of {@code partLength} characters. */
  public void sendInFrames(String text, int partLength) throws Exception {
    try {
      for (int from = 0; from < text.length(); from += partLength) {
        int to = Math.min(text.length(), from + partLength);
        session.getBasicRemote().sendText(text.substring(from, to), to == text.length());
      }
    } catch (RejectedExecutionException e) {
      throw closedWhileSending(e);
    }
  }

  /**
   * Sends {@code text} (in frames of {@code partLength} characters, or one frame when it is 0 or
   * less) to a server expected to close the socket before it has read all of it; the close code
   * tells the test why, so a send cut short is not a failure.
   */
  public void sendExpectingClose(String text, int partLength) throws Exception {
    try {
      if (partLength <= 0) {
        sendRaw(text);
      } else {
        sendInFrames(text, partLength);
      }
    } catch (IOException | IllegalStateException e) {
      LOG.fine(() -> "closed while sending, as expected: " + e);
    }
  }

  /**
   * Tyrus's client stops its timers when its last session closes; a send that races the server's
   * close then fails with a rejected timer task instead of an IOException.
   */
  private static IOException closedWhileSending(RejectedExecutionException cause) {
    return new IOException("socket closed while sending", cause);
  }

  /** Sends an envelope; {@code data} is a JSON object literal or null. */
  public void send(String type, String room, String clientOpId, String data) throws Exception {
    StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append('"');
    if (room != null) {
      json.append(",\"room\":\"").append(room).append('"');
    }
    if (clientOpId != null) {
      json.append(",\"clientOpId\":\"").append(clientOpId).append('"');
    }
    if (data != null) {
      json.append(",\"data\":").append(data);
    }
    sendRaw(json.append('}').toString());
  }

  /** Waits for the next message of the given type (skipping others), up to 10 s. */
  public JsonObject await(String type) throws InterruptedException {
    return await(type, m -> true, Duration.ofSeconds(10));
  }

  /** Waits for a message of the given type matching {@code match}; earlier ones are skipped. */
  public JsonObject await(String type, Predicate<JsonObject> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject message = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      if (message == null) {
        throw new AssertionError(
            "no " + type + " within " + timeout + " for " + sid + "; seen " + seen);
      }
      seen.add(message);
      if (seen.size() > 50) {
        seen.remove(0);
      }
      if (type.equals(message.getString("type", null)) && match.test(message)) {
        return message;
      }
    }
  }

  /** Everything that arrives within {@code window}, without waiting for a type. */
  public List<JsonObject> drain(Duration window) throws InterruptedException {
    List<JsonObject> messages = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject message = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      if (message == null) {
        return messages;
      }
      messages.add(message);
    }
  }

  /** How the connection ended, for a failure message: "open", or the close code and reason. */
  public String state() {
    CloseReason reason = closed.getNow(null);
    return reason == null
        ? (session.isOpen() ? "open" : "closed without onClose")
        : "closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase();
  }

  /** The close reason once the server closed the connection, within {@code timeout}. */
  public CloseReason awaitClose(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws Exception {
    if (session.isOpen()) {
      session.close();
    }
  }
}
