/**
 * The connection core: who is connected, which rooms each is in, the bounded per-session queue
 * every outbound frame goes through, peer liveness, and the ports the layers above plug into:
 * {@code FrameSink} (the transport adapters), {@code RequestHandler} and {@code ClientEventHandler}
 * (each component's request handling). Knows sockets, not rooms' rules.
 */
package dev.roomcast.connection.control;
