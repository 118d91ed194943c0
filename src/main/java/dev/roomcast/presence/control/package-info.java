/**
 * Presence (F4.4, F3.8) and membership: users become present when a connection joins a room whose
 * kind tracks presence, leave when their last connection goes, and each change is announced into
 * the room. Owns its store port (in memory or Redis) and the join/leave, client:update and
 * presence:list requests, since joining a room and becoming present are one step for a client.
 */
package dev.roomcast.presence.control;
