/**
 * Presence (F4.4, F3.8): users become present when a connection joins a room whose kind tracks
 * presence, leave when their last connection goes, and each change is announced into the room.
 */
package dev.roomcast.presence.control;
