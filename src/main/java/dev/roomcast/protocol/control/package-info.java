/** Reading and writing the wire protocol: the JSON-B codec shared by every boundary. */
package dev.roomcast.protocol.control;
