/**
 * roomcast's own WebSocket endpoint and control beans on a standalone Tyrus (Grizzly) server,
 * wired by hand, so benchmarks can tell the container's cost from roomcast's.
 */
package dev.roomcast.bench.tyrus;
