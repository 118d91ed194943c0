package dev.roomcast.rooms;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.handshake.control.InMemoryConnectionLimits;
import dev.roomcast.presence.control.InMemoryPresenceStore;
import dev.roomcast.publicrooms.control.InMemoryPublicUsers;
import dev.roomcast.rooms.control.InMemoryHistory;
import dev.roomcast.rooms.control.InMemoryRoomStore;
import dev.roomcast.rooms.entity.HistoryEntry;
import java.time.Clock;

class InMemoryRoomStoreTest extends RoomStoreContract {

  @Override
  protected Stores newStores() {
    InMemoryHistory history = new InMemoryHistory(HistoryLimits.defaults(), Clock.systemUTC());
    return new Stores(
        new InMemoryRoomStore(),
        history,
        (room, timestamp) -> {
          // as LocalDistribution does
          long seq = history.nextRoomSeq(room);
          history.nextServerSeq();
          history.append(room, new HistoryEntry(seq, timestamp, "{\"roomSeq\":" + seq + "}"));
          return seq;
        },
        new InMemoryPresenceStore(),
        new InMemoryConnectionLimits(),
        new InMemoryPublicUsers());
  }
}
