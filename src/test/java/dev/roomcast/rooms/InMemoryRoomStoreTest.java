package dev.roomcast.rooms;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.handshake.control.InMemoryConnectionLimits;
import dev.roomcast.presence.control.InMemoryPresenceStore;
import dev.roomcast.publicrooms.control.InMemoryPublicUsers;
import dev.roomcast.rooms.control.InMemoryHistory;
import dev.roomcast.rooms.control.InMemoryRoomStore;
import java.time.Clock;

class InMemoryRoomStoreTest extends RoomStoreContract {

  @Override
  protected Stores newStores() {
    return new Stores(
        new InMemoryRoomStore(),
        new InMemoryHistory(HistoryLimits.defaults(), Clock.systemUTC()),
        new InMemoryPresenceStore(),
        new InMemoryConnectionLimits(),
        new InMemoryPublicUsers());
  }
}
