/**
 * Reading and writing the wire protocol: the JSON codec, event ids and the server sequence every
 * answer carries.
 */
package dev.roomcast.protocol.control;
