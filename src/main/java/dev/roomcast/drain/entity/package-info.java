/** What a drain reports. */
package dev.roomcast.drain.entity;
