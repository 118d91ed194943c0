/**
 * What roomcast takes from the application server: a managed thread factory for its own scheduler.
 */
package dev.roomcast.platform.control;
