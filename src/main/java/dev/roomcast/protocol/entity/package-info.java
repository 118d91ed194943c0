/** The wire protocol's message shapes, request types and error codes; see docs/protocol.md. */
package dev.roomcast.protocol.entity;
