package dev.roomcast.transport.control;

/**
 * The container-neutral face of a handshake deadline: beans hold this type, never the Grizzly class
 * behind it, so that they still deploy where Grizzly is absent.
 */
interface HandshakeSweep {

  /** Closes the connections whose handshake missed the deadline; returns how many. */
  int sweep();

  /** Stops watching new connections and forgets the watched ones. */
  void uninstall();
}
