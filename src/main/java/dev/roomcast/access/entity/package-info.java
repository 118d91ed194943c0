/** Who calls the REST API: the kinds of caller and who each endpoint is for (B10). */
package dev.roomcast.access.entity;
