package dev.roomcast.connection.boundary;

import dev.roomcast.connection.control.FrameSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link FrameSink} on a Jakarta WebSocket session, sending asynchronously. */
public class SessionSink implements FrameSink {

  private static final Logger LOG = Logger.getLogger(SessionSink.class.getName());

  private final Session session;
  private final Executor executor;
  private final TyrusFastPath.DirectSender sender;

  public SessionSink(Session session, Executor executor, TyrusFastPath fastPath) {
    this.session = session;
    this.executor = executor;
    RemoteEndpoint.Async remote = session.getAsyncRemote();
    this.sender = fastPath.adopt(session).orElse(remote::sendText);
  }

  @Override
  public String id() {
    return session.getId();
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    try {
      sender.sendText(text, result -> done.accept(result.getException()));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  @Override
  public void close(int code, String reason) {
    // the caller may be a broadcast holding a room's lock; closing writes, so it happens elsewhere
    executor.execute(
        () -> {
          try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
          } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "closing session " + session.getId() + " failed", e);
          }
        });
  }
}
