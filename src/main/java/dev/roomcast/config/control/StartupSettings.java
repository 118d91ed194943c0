package dev.roomcast.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The application's {@link Settings}, read through MicroProfile Config once, and read when the
 * application starts even if nothing needs them yet: a bad value stops the deployment then, with a
 * message naming it, instead of failing the first request that needs it.
 */
@ApplicationScoped
public class StartupSettings {

  private static final Logger LOG = Logger.getLogger(StartupSettings.class.getName());

  // a singleton, not application-scoped: immutable values need no client proxy between caller
  // and getter
  @Produces
  @Singleton
  Settings settings(Config config) {
    try {
      return Settings.from(config);
    } catch (IllegalStateException e) {
      LOG.severe("roomcast cannot start: " + e.getMessage());
      throw e;
    }
  }

  void check(
      @Observes @Initialized(ApplicationScoped.class) Object application, Settings settings) {
    LOG.fine(() -> "roomcast settings read; state store: " + settings.store());
  }
}
