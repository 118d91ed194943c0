/**
 * roomcast's settings, read once at start-up through MicroProfile Config (system properties,
 * environment variables, {@code microprofile-config.properties}, the server's config sources).
 */
package dev.roomcast.config.control;
