/**
 * The room core: metadata with permanent locks, the default room, frame counts, subscriptions and
 * replay, and the one service that publishes room events, each encoded once. It owns its ports: the
 * room and history stores (in memory or Redis) and {@code EventDistribution}, chosen by the store
 * setting: {@code LocalDistribution} numbers and hands out events on this node, {@code
 * SharedDistribution} numbers them through {@code SharedStream} (cluster implements it on Redis)
 * and hands out what every node receives back. Both end in {@code RoomFanOut}, the room's lock and
 * its members' frames, which is never held across a store round trip. Its request handlers serve
 * the room streams and the client's own events; {@code RoomTargets} says which room a request is
 * about, for every component's handler.
 */
package dev.roomcast.rooms.control;
