/**
 * Anonymous public rooms (seed 004): per-IP connection limits with hashed addresses, anonymous
 * users, REST join/leave, and the idle ping/pong health check.
 */
package dev.roomcast.publicrooms.control;
