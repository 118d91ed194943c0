/** What nodes exchange through Redis. */
package dev.roomcast.cluster.entity;
