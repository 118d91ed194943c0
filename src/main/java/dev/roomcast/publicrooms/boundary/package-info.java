/** The {@code /public-room/{roomId}} socket and the {@code /api/public} REST resources (F4.x). */
package dev.roomcast.publicrooms.boundary;
