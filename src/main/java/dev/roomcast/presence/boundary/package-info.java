/** Presence and identity over REST: presence lists, kicking users, publishing to any room. */
package dev.roomcast.presence.boundary;
