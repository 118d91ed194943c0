/**
 * Draining a node (B6): it stops taking sockets, tells its clients to go elsewhere, closes them
 * with 1001 and releases what they held before it leaves the cluster.
 */
package dev.roomcast.drain.control;
