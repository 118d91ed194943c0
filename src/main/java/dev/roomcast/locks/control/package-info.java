/** Temporary room locks with a TTL, owned by one connection (F0.5). */
package dev.roomcast.locks.control;
