package dev.roomcast.socketio.boundary;

import dev.roomcast.access.control.AllowedOrigins;
import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.ConnectionLifecycle;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.handshake.control.Admission;
import dev.roomcast.presence.control.MembershipRequests;
import dev.roomcast.socketio.control.OpenPacket;
import dev.roomcast.socketio.control.PollingSession;
import dev.roomcast.socketio.control.PollingSessions;
import dev.roomcast.socketio.control.PollingTransport;
import dev.roomcast.socketio.control.SocketIoSession;
import dev.roomcast.socketio.control.SocketIoSessions;
import dev.roomcast.socketio.control.SocketIoSink;
import dev.roomcast.sockets.control.RequestDispatcher;
import dev.roomcast.transport.control.FrameLimits;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Engine.IO's HTTP long-polling ({@code GET}/{@code POST /socket.io/?EIO=4&transport=polling}),
 * which Socket.IO clients use first with their default options, before they upgrade to WebSocket on
 * {@link SocketIoSocket} (docs/protocol.md, section 19). The WebSocket upgrade request of the same
 * path never reaches this servlet: the container's WebSocket filter takes it first.
 */
@WebServlet(urlPatterns = "/socket.io/*", asyncSupported = true)
public class SocketIoPolling extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(SocketIoPolling.class.getName());
  private static final String TEXT = "text/plain; charset=UTF-8";

  @Inject transient Admission admission;
  @Inject transient ConnectionLifecycle lifecycle;
  @Inject transient RequestDispatcher dispatcher;
  @Inject transient MembershipRequests membership;
  @Inject transient Replies replies;
  @Inject transient SocketIoSessions sockets;
  @Inject transient PollingSessions sessions;
  @Inject transient Settings settings;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!polling(request, response) || !crossOrigin(request, response)) {
      return;
    }
    String sid = request.getParameter("sid");
    if (sid == null) {
      handshake(request, response);
      return;
    }
    PollingSession session = sessions.find(sid).orElse(null);
    if (session == null) {
      unknownSession(response);
      return;
    }
    session.conversation().heard();
    AsyncContext async = request.startAsync();
    long interval = settings.transportPingInterval().toMillis();
    // the heartbeat's ping ends a poll within the interval; this only bounds one that waits anyway
    async.setTimeout(
        interval <= 0 ? 30_000 : interval + settings.transportPongTimeout().toMillis());
    AnsweredOnce poll = new AnsweredOnce(async);
    async.addListener(
        new AsyncListener() {
          @Override
          public void onTimeout(AsyncEvent event) {
            session.transport().expire(poll);
          }

          @Override
          public void onError(AsyncEvent event) {
            session.transport().expire(poll);
          }

          @Override
          public void onComplete(AsyncEvent event) {
            // answered
          }

          @Override
          public void onStartAsync(AsyncEvent event) {
            // not restarted
          }
        });
    session.transport().poll(poll);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!polling(request, response) || !crossOrigin(request, response)) {
      return;
    }
    PollingSession session = sessions.find(request.getParameter("sid")).orElse(null);
    if (session == null) {
      unknownSession(response);
      return;
    }
    session.conversation().heard();
    String body = readBounded(request.getInputStream());
    if (body == null) {
      session.transport().close(1009, "Payload too large");
      refuse(response, 413, 3, "Payload too large");
      return;
    }
    for (String packet : body.split(String.valueOf(PollingTransport.SEPARATOR), -1)) {
      session.conversation().packet(packet);
    }
    response.setContentType(TEXT);
    response.getWriter().write("ok");
  }

  /**
   * A browser's preflight, asked before a poll that carries headers of the page's own (the client's
   * {@code extraHeaders}): allowed for the origins that may poll at all.
   */
  @Override
  protected void doOptions(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!crossOrigin(request, response)) {
      return;
    }
    response.setHeader("Access-Control-Allow-Methods", "GET, POST");
    String headers = request.getHeader("Access-Control-Request-Headers");
    if (headers != null) {
      response.setHeader("Access-Control-Allow-Headers", headers);
    }
    response.setHeader("Access-Control-Max-Age", "600");
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  /**
   * Polling from a page of another origin (a console on its own host): an origin that {@code
   * ROOMCAST_ALLOWED_ORIGINS} allows, as for the sockets, gets the CORS header that lets the page
   * read the answers; any other is refused with 403 before anything happens. No credentials are
   * involved (the token travels in CONNECT's auth, not in a cookie), so none are allowed.
   *
   * @return whether to go on
   */
  private boolean crossOrigin(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    if (!new AllowedOrigins(settings.allowedOrigins()).allows(origin)) {
      refuse(response, 403, 4, "Origin not allowed");
      return false;
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.addHeader("Vary", "Origin");
    return true;
  }

  private void handshake(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String sid = sessions.newSid();
    PollingTransport transport = new PollingTransport(sid);
    SocketIoSink sink = new SocketIoSink(transport);
    sockets.awaitConnect(sink);
    SocketIoSession conversation =
        new SocketIoSession(
            sink,
            query(request),
            admission,
            lifecycle,
            dispatcher,
            membership,
            replies,
            sockets,
            // resolved by ForwardedClientFilter, trusted proxies included
            request.getRemoteAddr());
    sessions.add(new PollingSession(sid, transport, sink, conversation));
    response.setContentType(TEXT);
    response.getWriter().write(OpenPacket.of(sid, settings, true));
  }

  /** Engine.IO v4 over polling, or a 400 as Engine.IO servers answer it. */
  private static boolean polling(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"polling".equals(request.getParameter("transport"))) {
      refuse(response, 400, 0, "Transport unknown");
      return false;
    }
    if (!"4".equals(request.getParameter("EIO"))) {
      refuse(response, 400, 5, "Unsupported protocol version");
      return false;
    }
    return true;
  }

  private static void unknownSession(HttpServletResponse response) throws IOException {
    refuse(response, 400, 1, "Session ID unknown");
  }

  /** Engine.IO's error answer: {@code {code, message}} with its own codes. */
  private static void refuse(HttpServletResponse response, int status, int code, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getWriter().write("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
  }

  /** The body as text, or null when it is larger than the 1 MiB hard limit. */
  private static String readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes((int) FrameLimits.HARD_LIMIT + 1);
    return body.length > FrameLimits.HARD_LIMIT ? null : new String(body, StandardCharsets.UTF_8);
  }

  private static Map<String, List<String>> query(HttpServletRequest request) {
    return request.getParameterMap().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Arrays.asList(e.getValue())));
  }

  /** A parked poll's response, written once whoever answers first (packets, timeout, close). */
  private static final class AnsweredOnce implements PollingTransport.Poll {
    private final AsyncContext async;
    private final AtomicBoolean answered = new AtomicBoolean();

    AnsweredOnce(AsyncContext async) {
      this.async = async;
    }

    @Override
    public void answer(String packets) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      try {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        response.setContentType(TEXT);
        byte[] body = packets.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
      } catch (IOException | RuntimeException e) {
        // the client went away meanwhile: its next poll (or none) decides
        LOG.log(Level.FINE, "answering a poll failed: " + e);
      } finally {
        async.complete();
      }
    }
  }
}
