/**
 * The request dispatcher: rate limit, decoding and the one answer every request gets; the work
 * itself is done by the request handler each component registers for its message types.
 */
package dev.roomcast.sockets.control;
