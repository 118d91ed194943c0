package dev.roomcast.protocol.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one JSON-B instance: JSON-B instances are thread-safe and costly to build (each
 * caches the bindings it has worked out), so the codec and the Redis stores share this one.
 */
@ApplicationScoped
public class JsonBinding {

  private static final Logger LOG = Logger.getLogger(JsonBinding.class.getName());

  @Produces
  @ApplicationScoped
  Jsonb jsonb() {
    return JsonbBuilder.create();
  }

  void close(@Disposes Jsonb jsonb) {
    try {
      jsonb.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "closing JSON-B failed", e);
    }
  }
}
