/** Routes console paths to pages and renders them for the WAR's context root (B4). */
package dev.roomcast.console.control;
