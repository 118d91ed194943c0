/**
 * The WebSocket endpoints clients connect to ({@code /ws} and {@code /public-room/{roomId}}): they
 * admit a connection, wire it to a transport adapter and hand each frame to the dispatcher. The top
 * of the component graph: nothing imports this package.
 */
package dev.roomcast.sockets.boundary;
