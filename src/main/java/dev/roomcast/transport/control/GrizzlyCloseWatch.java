package dev.roomcast.transport.control;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.GenericCloseListener;

/**
 * Tells a connection's sink when its Grizzly connection closes, for whatever reason: a close frame,
 * a reset, a failed write, a read that ended.
 *
 * <p>Why: on Payara, Tyrus does not always report a socket that vanished. Its servlet upgrade
 * handler drops the close of a connection that goes while {@code @OnOpen} still runs (it has no
 * connection to close yet), and Payara's read listener reports a reset only if Tyrus is waiting for
 * data at that moment, not while a frame is being handled. Grizzly closes the connection either
 * way, and runs its close listeners, at once for a connection already closed. Loaded only once
 * {@link TyrusFastPath} found the connection, so no other container links against Grizzly.
 */
final class GrizzlyCloseWatch {

  private GrizzlyCloseWatch() {}

  /** Runs {@code closed} once when {@code connection} (a Grizzly connection) closes. */
  static boolean watch(Object connection, Runnable closed) {
    if (!(connection instanceof Connection<?> grizzly)) {
      return false;
    }
    grizzly.addCloseListener((GenericCloseListener) (closeable, type) -> closed.run());
    return true;
  }
}
