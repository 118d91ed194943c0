package dev.roomcast.state;

import dev.roomcast.state.control.InMemoryRoomStore;
import dev.roomcast.state.control.RoomStore;

class InMemoryRoomStoreTest extends RoomStoreContract {

  @Override
  protected RoomStore newStore() {
    return new InMemoryRoomStore();
  }
}
