/** The REST application and the mapping of every failure to a coded JSON error. */
package dev.roomcast.platform.boundary;
