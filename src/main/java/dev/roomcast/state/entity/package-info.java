/** What the state store keeps besides rooms: history entries and the limits that bound them. */
package dev.roomcast.state.entity;
