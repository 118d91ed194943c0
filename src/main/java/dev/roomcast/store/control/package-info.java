/**
 * The Redis connection every Redis-backed store shares: the pool and key prefix, pooled calls that
 * turn an unreachable Redis into {@code STORE_UNAVAILABLE}, cached Lua scripts, and which store
 * kind ({@code memory} or {@code redis}) this deployment uses. Each component owns its own store
 * port and both implementations; this package knows none of them.
 */
package dev.roomcast.store.control;
