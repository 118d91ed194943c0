/** The drain call ({@code POST /api/node/drain}) and the refusal of new sockets while draining. */
package dev.roomcast.drain.boundary;
