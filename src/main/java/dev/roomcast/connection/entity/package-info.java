/** Events and values about connections that other components react to or report. */
package dev.roomcast.connection.entity;
