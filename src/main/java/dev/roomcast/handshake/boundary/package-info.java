/** What the WebSocket handshake offers: the origin check and the client's address (B3, F4.2). */
package dev.roomcast.handshake.boundary;
