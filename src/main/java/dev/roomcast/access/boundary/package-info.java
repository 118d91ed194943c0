/**
 * The REST API's gate (B10): the annotations that say who may call an endpoint, the request filter
 * that checks every call, and {@code GET /api/caller}.
 */
package dev.roomcast.access.boundary;
