package dev.roomcast.socketio.control;

/**
 * An Engine.IO session that began with HTTP long-polling: its transport, the sink the connection
 * writes through and the conversation its packets go to; it keeps all three when it upgrades to
 * WebSocket.
 */
public record PollingSession(
    String sid, PollingTransport transport, SocketIoSink sink, SocketIoSession conversation) {}
