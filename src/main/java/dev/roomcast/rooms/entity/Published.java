package dev.roomcast.rooms.entity;

/**
 * Where a published event landed in the sequences, so the publisher can correlate. A coalesced
 * event that was held back (F1.4) has {@code coalesced: true} and no numbers yet.
 */
public record Published(
    String room, Long roomSeq, Long serverSeq, String eventId, boolean coalesced) {

  /** An event published at once. */
  public Published(String room, long roomSeq, long serverSeq, String eventId) {
    this(room, roomSeq, serverSeq, eventId, false);
  }
}
