/** Values built from settings that several components share. */
package dev.roomcast.config.entity;
