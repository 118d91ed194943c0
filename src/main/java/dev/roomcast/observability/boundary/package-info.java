/** REST endpoints for operators: {@code /api/stats}, {@code /api/health}, {@code /api/metrics}. */
package dev.roomcast.observability.boundary;
