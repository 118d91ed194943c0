/**
 * The benchmark's load generator: the same client code drives roomcast and every peer, measures
 * deliveries, publish-to-receive latency and the server's CPU and memory, and writes the report.
 */
package dev.roomcast.bench.load;
