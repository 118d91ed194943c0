/** Who is present in a room: users, their connections and whether each is active. */
package dev.roomcast.presence.entity;
