/**
 * Running several nodes on one Redis: publishing room events to every node in sequence order, and
 * noticing nodes that died.
 */
package dev.roomcast.cluster.control;
