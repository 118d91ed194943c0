/** Anonymous public-room users, bound to the hash of the IP that created them (F4.6). */
package dev.roomcast.publicrooms.entity;
