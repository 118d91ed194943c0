/**
 * The room core: metadata with permanent locks, the default room, frame counts, subscriptions and
 * replay, and the one service that numbers, encodes and fans out room events. It owns its ports:
 * the room and history stores (in memory or Redis) and {@code EventDistribution}, through which
 * events reach other nodes without rooms knowing how (cluster implements it). Its request handlers
 * serve the room streams and the client's own events; {@code RoomTargets} says which room a request
 * is about, for every component's handler.
 */
package dev.roomcast.rooms.control;
