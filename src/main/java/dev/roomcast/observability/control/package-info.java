/**
 * How this node is doing: connection and delivery counts, component health (also as the
 * health_check request), Prometheus text.
 */
package dev.roomcast.observability.control;
