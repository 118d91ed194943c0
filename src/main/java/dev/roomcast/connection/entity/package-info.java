/** Events about connections that other components react to. */
package dev.roomcast.connection.entity;
