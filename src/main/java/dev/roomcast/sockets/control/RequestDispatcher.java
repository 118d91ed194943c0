package dev.roomcast.sockets.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.connection.control.ClientEventHandler;
import dev.roomcast.connection.control.Connection;
import dev.roomcast.connection.control.Replies;
import dev.roomcast.connection.control.RequestHandler;
import dev.roomcast.connection.control.Traffic;
import dev.roomcast.protocol.control.MessageCodec;
import dev.roomcast.protocol.entity.ClientEnvelope;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.protocol.entity.RequestRejected;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes each client frame to the handler of its type, which its component registers ({@link
 * RequestHandler}); a type that is not a request goes to the client events ({@link
 * ClientEventHandler}). Here: the rate limit, decoding, and the rule that every request with a
 * {@code clientOpId} gets exactly one {@code ack:op} or {@code err:op} (F2.5); failures are
 * answered even without one; nothing a client sends closes its connection.
 */
@ApplicationScoped
public class RequestDispatcher {

  private static final Logger LOG = Logger.getLogger(RequestDispatcher.class.getName());

  @Inject MessageCodec codec;
  @Inject Replies replies;
  @Inject Traffic traffic;
  @Inject Settings settings;
  @Inject Instance<RequestHandler> handlers;
  @Inject ClientEventHandler clientEvents;

  private final Map<MessageType, RequestHandler> byType = new EnumMap<>(MessageType.class);

  /** Built at start-up, so a missing or doubled handler fails the deployment, not a request. */
  void findHandlersAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // the @PostConstruct below has run by now
  }

  @PostConstruct
  void findHandlers() {
    route(handlers);
  }

  /** Routes each type to its handler; every request type has exactly one. */
  void route(Iterable<? extends RequestHandler> all) {
    for (RequestHandler handler : all) {
      for (MessageType type : handler.types()) {
        RequestHandler earlier = byType.put(type, handler);
        if (earlier != null) {
          throw new IllegalStateException(
              type + " is handled by both " + earlier.getClass() + " and " + handler.getClass());
        }
      }
    }
    for (MessageType type : MessageType.values()) {
      if (!byType.containsKey(type)) {
        throw new IllegalStateException("no request handler for " + type);
      }
    }
  }

  /**
   * Handles one text frame. Every frame counts against the connection's rate limit, refused ones
   * (too large, not JSON, not an object) included: a client over its rate gets {@code RATE_LIMITED}
   * whatever it sent, so bad frames cannot be sent faster than good ones.
   */
  public void handle(Connection connection, String frame) {
    traffic.received();
    // any frame proves the client alive (F4.3), even one refused below
    connection.inbound(System.currentTimeMillis());
    boolean withinRate = connection.rateLimit().tryAcquire();
    if (frame.length() > settings.maxFrameBytes()) {
      traffic.refused();
      replies.error(
          connection,
          null,
          withinRate
              ? new RequestRejected(
                  ErrorCode.FRAME_TOO_LARGE,
                  "Frame of " + frame.length() + " characters; at most " + settings.maxFrameBytes())
              : rateLimited());
      return;
    }
    ClientEnvelope envelope;
    try {
      envelope = codec.decode(frame);
    } catch (MessageCodec.RejectedWithOpId e) {
      traffic.refused();
      replies.error(connection, e.clientOpId(), withinRate ? e : rateLimited());
      return;
    } catch (RequestRejected e) {
      traffic.refused();
      replies.error(connection, null, withinRate ? e : rateLimited());
      return;
    }
    if (!withinRate) {
      traffic.refused();
      replies.error(connection, envelope.clientOpId(), rateLimited());
      return;
    }
    try {
      MessageType type = MessageType.ofWireName(envelope.type()).orElse(null);
      if (type == null) {
        clientEvents.publish(connection, envelope);
      } else {
        byType.get(type).handle(connection, envelope, type);
      }
    } catch (RequestRejected e) {
      replies.error(connection, envelope.clientOpId(), e);
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "request " + envelope.type() + " from session " + connection.sid() + " failed",
          e);
      replies.error(
          connection,
          envelope.clientOpId(),
          new RequestRejected(
              ErrorCode.INTERNAL_ERROR, "Internal error; the request was not applied"));
    }
  }

  /**
   * Answers a binary frame: the protocol is JSON text, so it gets {@code BINARY_NOT_SUPPORTED} (or
   * {@code RATE_LIMITED}: it counts against the rate limit like any frame).
   */
  public void refuseBinary(Connection connection) {
    traffic.received();
    traffic.refused();
    connection.inbound(System.currentTimeMillis());
    replies.error(
        connection,
        null,
        connection.rateLimit().tryAcquire()
            ? new RequestRejected(
                ErrorCode.BINARY_NOT_SUPPORTED, "Binary frames are not part of the protocol")
            : rateLimited());
  }

  private RequestRejected rateLimited() {
    return new RequestRejected(
        ErrorCode.RATE_LIMITED,
        "More than "
            + settings.rateLimitPerSecond()
            + " messages per second; this one was dropped");
  }
}
