package dev.roomcast.rooms.entity;

/** Who may join or publish into the rooms of a {@link RoomKind} over the socket (F1.2, F3.3). */
public enum Access {
  /** Every connection, anonymous ones included. */
  ANYONE,
  /** Connections with a verified token. */
  AUTHENTICATED,
  /** Authenticated connections whose user id is one of the room name's groups. */
  SELF,
  /** No client: the server assigns the room or the backend publishes over REST. */
  SERVER
}
