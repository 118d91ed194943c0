/**
 * Room metadata logic: CRUD with permanent locks, the default room, frame counts, pass-through
 * events, subscriptions, and the one service that numbers, encodes and fans out room events.
 */
package dev.roomcast.rooms.control;
