/** roomcast's settings, read from system properties and environment variables. */
package dev.roomcast.config.control;
