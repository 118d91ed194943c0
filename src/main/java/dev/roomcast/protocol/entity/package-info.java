/**
 * The wire protocol's vocabulary, the bottom of the component graph: message shapes, request types,
 * event types, error and close codes, room names and positions, and the caller's identity; see
 * docs/protocol.md. Depends on no other component.
 */
package dev.roomcast.protocol.entity;
