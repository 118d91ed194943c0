package dev.roomcast.rooms.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Where a published event landed in the sequences, so the publisher can correlate: the one answer
 * shape of every publish (REST 202 and {@code ack:op}), all five fields always present. A coalesced
 * event that was held back (F1.4) has {@code coalesced: true} and null numbers; it is numbered when
 * it is published.
 */
@JsonbNillable
@JsonbPropertyOrder({"room", "roomSeq", "serverSeq", "eventId", "coalesced"})
public record Published(
    String room, Long roomSeq, Long serverSeq, String eventId, boolean coalesced) {

  /** An event published at once. */
  public Published(String room, long roomSeq, long serverSeq, String eventId) {
    this(room, roomSeq, serverSeq, eventId, false);
  }
}
