/**
 * Connections and delivery: who is connected, which rooms each is in, and the bounded per-session
 * queue every outbound frame goes through.
 */
package dev.roomcast.connection.control;
