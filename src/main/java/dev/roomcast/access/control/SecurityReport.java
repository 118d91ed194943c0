package dev.roomcast.access.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.identity.control.TokenAuthentication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the security settings when the application starts and says what they mean (B10): which
 * token algorithms are accepted, who may call the backend endpoints, which proxies are trusted. A
 * bad setting (a short secret or key, a trusted proxy that is not an address) stops the deployment
 * with a message naming it; the insecure development mode is logged as a loud warning.
 */
@ApplicationScoped
public class SecurityReport {

  private static final Logger LOG = Logger.getLogger(SecurityReport.class.getName());

  @Inject Settings settings;
  @Inject TokenAuthentication tokens;
  @Inject BackendCredentials credentials;
  @Inject ClientAddresses addresses;

  void report(@Observes @Initialized(ApplicationScoped.class) Object application) {
    try {
      tokens.report();
      describeBackend();
      LOG.info(
          addresses.trustsAnyProxy()
              ? "client addresses: from "
                  + addresses.header()
                  + " when the peer is one of "
                  + settings.trustedProxies()
              : "client addresses: the TCP peer (no trusted proxies)");
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "roomcast security settings are invalid: " + e.getMessage(), e);
      throw e;
    }
  }

  private void describeBackend() {
    if (credentials.insecure()) {
      LOG.warning(
          "\n************************************************************************\n"
              + "WARNING: ROOMCAST_API_INSECURE=true (development mode). The backend REST\n"
              + "endpoints (room changes, publishing, kicks, stats, metrics) answer WITHOUT\n"
              + "any credential. Never run this on a reachable network.\n"
              + "************************************************************************");
      return;
    }
    int keys = credentials.keyCount();
    if (keys == 0 && !tokens.acceptsTokens()) {
      LOG.warning(
          "no backend credential configured: the backend REST endpoints answer 403"
              + " BACKEND_NOT_CONFIGURED; set ROOMCAST_API_KEY (or ROOMCAST_AUTH_SECRET for"
              + " backend JWTs), or ROOMCAST_API_INSECURE=true for development");
      return;
    }
    LOG.info(
        "backend REST endpoints: "
            + (keys > 0 ? keys + " API key(s)" : "no API key")
            + (tokens.acceptsTokens() ? ", or a token with the backend role" : ""));
  }
}
