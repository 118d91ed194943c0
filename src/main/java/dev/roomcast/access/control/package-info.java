/**
 * Deciding who may call what (B10): backend credentials (API keys, backend JWTs), the caller behind
 * an {@code Authorization} header, the allowed origins, and the start-up report of the security
 * settings.
 */
package dev.roomcast.access.control;
