/**
 * The {@code /api/public} REST resources of anonymous public rooms (F4.x); their socket is in
 * {@code sockets}.
 */
package dev.roomcast.publicrooms.boundary;
