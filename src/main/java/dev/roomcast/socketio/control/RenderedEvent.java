package dev.roomcast.socketio.control;

import dev.roomcast.connection.control.OutboundFrame;
import java.util.List;

/**
 * A server message in Socket.IO's form, built once per message and shared by every Socket.IO
 * connection it goes to.
 *
 * @param type the envelope's type
 * @param packets the WebSocket messages that carry it, in order (an EVENT, an ACK, or CONNECT's
 *     answer followed by an EVENT)
 * @param refusal for an {@code error} envelope, the CONNECT_ERROR ({@code 44}) it becomes while the
 *     client is not connected yet; else null
 */
public record RenderedEvent(String type, List<OutboundFrame> packets, OutboundFrame refusal) {}
