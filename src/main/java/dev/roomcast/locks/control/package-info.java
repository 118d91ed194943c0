/** Temporary room locks with a TTL, owned by one connection (F0.5), and the lock requests. */
package dev.roomcast.locks.control;
