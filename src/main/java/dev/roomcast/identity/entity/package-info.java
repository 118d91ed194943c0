/**
 * What identity knows of a caller beyond the protocol's {@code Identity}: verified tokens,
 * revocations, disconnect orders.
 */
package dev.roomcast.identity.entity;
