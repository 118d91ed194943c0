/**
 * Running several nodes on one Redis: rooms' {@code SharedStream} (number, record and publish an
 * event in one script) and the subscription that hands every node's events to rooms' {@code
 * SharedDistribution}; orders to every node (kicks); heartbeats on a thread of their own and, apart
 * from them, noticing nodes that died.
 */
package dev.roomcast.cluster.control;
