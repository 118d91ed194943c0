/** The shapes of the stats and health answers. */
package dev.roomcast.observability.entity;
