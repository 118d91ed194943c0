/**
 * The rooms REST API under /api: list, detail, create, update, delete, default room, frames,
 * events.
 */
package dev.roomcast.rooms.boundary;
