/** What lock requests answer. */
package dev.roomcast.locks.entity;
