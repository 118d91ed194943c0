/** How this node is doing: connection and delivery counts, component health, Prometheus text. */
package dev.roomcast.observability.control;
