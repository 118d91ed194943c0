package dev.roomcast.handshake.boundary;

import dev.roomcast.access.control.AllowedOrigins;
import dev.roomcast.config.control.Settings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The sockets' handshake: the origin check (B3) and the client's address (F4.2).
 *
 * <p>With {@code ROOMCAST_ALLOWED_ORIGINS} set, a browser page from another origin cannot open a
 * socket (the handshake is refused with HTTP 403). Clients that send no {@code Origin} (not
 * browsers) pass; REST applies the same rule to mutating calls (B10).
 *
 * <p>Jakarta WebSocket offers no peer address, so {@link ForwardedClientFilter} hands the address
 * it resolved to the handshake as a header, and this records it in the session's user properties,
 * where {@link ClientAddress} reads it: the same way on every container (Payara's Tyrus, WildFly's
 * Undertow). Both give {@code modifyHandshake} a copy of the endpoint's configuration per
 * connection, whose user properties become that session's. Token and query are read from the
 * session at open, because this object is shared by all handshakes of an endpoint.
 *
 * <p>It also makes the endpoint instances, one per connection, from one CDI {@link Unmanaged} per
 * endpoint class: the injection target is built once, not per handshake as Tyrus' CDI provider
 * builds and keeps it (eight field injection points and their reflection per connection, about 1.7
 * KiB of heap each, and a share of every handshake's CPU). The endpoints inject application- scoped
 * beans and shared executors only, so an instance needs no destruction beyond its garbage
 * collection. Where CDI is not there (the bench's bare Tyrus), the container makes them as before.
 */
public class SocketHandshake extends ServerEndpointConfig.Configurator {

  // read here rather than injected: the container creates configurators itself, possibly before
  // CDI is up, so this asks MicroProfile Config directly for the deployment's configuration
  private final AllowedOrigins allowed = new AllowedOrigins(settings().allowedOrigins());
  // per endpoint class (three at most), built at its first handshake
  private final Map<Class<?>, Unmanaged<?>> endpoints = new ConcurrentHashMap<>();

  @Override
  public boolean checkOrigin(String originHeaderValue) {
    return allowed.allows(originHeaderValue);
  }

  private static Settings settings() {
    Config config;
    try {
      config = ConfigProvider.getConfig(SocketHandshake.class.getClassLoader());
    } catch (IllegalStateException noImplementation) {
      // only outside a container (the bench's bare Tyrus) is there no MicroProfile Config; there
      // system properties and environment variables are all the configuration there is
      return Settings.fromEnvironment();
    }
    return Settings.from(config);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    Unmanaged<T> factory;
    try {
      factory =
          (Unmanaged<T>)
              endpoints.computeIfAbsent(
                  endpointClass, type -> new Unmanaged<>(CDI.current().getBeanManager(), type));
    } catch (IllegalStateException noCdi) {
      return super.getEndpointInstance(endpointClass);
    }
    return factory.newInstance().produce().inject().postConstruct().get();
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    String address = ClientAddress.fromHandshake(request.getHeaders());
    if (address != null) {
      config.getUserProperties().put(ClientAddress.PROPERTY, address);
    }
  }
}
