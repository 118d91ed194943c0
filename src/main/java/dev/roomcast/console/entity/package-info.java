/** The console's pages (B4). */
package dev.roomcast.console.entity;
