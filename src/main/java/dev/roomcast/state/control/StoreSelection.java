package dev.roomcast.state.control;

import dev.roomcast.config.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Picks the {@link RoomStore} implementation named by {@code ROOMCAST_STORE}. */
@ApplicationScoped
public class StoreSelection {

  private static final Logger LOG = Logger.getLogger(StoreSelection.class.getName());

  @Inject Settings settings;

  @Produces
  @ApplicationScoped
  RoomStore store() {
    String kind = settings.store();
    if (!"memory".equals(kind)) {
      throw new IllegalStateException(
          "ROOMCAST_STORE=" + kind + " is not supported by this build; use 'memory'");
    }
    LOG.info("roomcast state store: in-memory (single node)");
    return new InMemoryRoomStore();
  }
}
