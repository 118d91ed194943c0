/**
 * What roomcast takes from the application server: managed threads and its scheduler, the node's
 * identity, the heartbeat.
 */
package dev.roomcast.platform.control;
