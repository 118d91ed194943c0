package dev.roomcast.store.control;

import dev.roomcast.config.control.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Which backend this deployment's stores use ({@code ROOMCAST_STORE}): every component's store
 * producer asks here, so the choice is checked and logged once for all of them.
 */
@ApplicationScoped
public class StoreKind {

  private static final Logger LOG = Logger.getLogger(StoreKind.class.getName());

  @Inject Settings settings;
  @Inject RedisConnection redis;

  private boolean shared;

  @PostConstruct
  void choose() {
    // Settings has refused any other kind at start-up
    shared = "redis".equals(settings.store());
    if (shared) {
      LOG.info(
          "roomcast state store: Redis at "
              + redis.url().getHost()
              + ":"
              + redis.url().getPort()
              + ", key prefix "
              + redis.prefix());
    } else {
      LOG.info("roomcast state store: in-memory (single node)");
    }
  }

  /** True when the stores live in Redis, shared by every node; false for the in-memory store. */
  public boolean redis() {
    return shared;
  }
}
