/**
 * Serves the web console's pages ({@code /rooms}, {@code /rooms/{roomId}}, {@code /stats}) (B4).
 */
package dev.roomcast.console.boundary;
