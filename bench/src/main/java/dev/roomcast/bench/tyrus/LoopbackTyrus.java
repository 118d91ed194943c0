package dev.roomcast.bench.tyrus;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Set;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus's Grizzly server container as {@code org.glassfish.tyrus.server.Server} sets it up (a
 * worker-thread I/O strategy, no keep-alive timeout, the WebSocket add-on), but listening on one
 * address: Tyrus 2.2.0's own container always binds 0.0.0.0, whatever host it is given, and the
 * benchmark servers listen on 127.0.0.1 only.
 */
final class LoopbackTyrus {

  private final HttpServer http = new HttpServer();
  private final TyrusServerContainer container;

  LoopbackTyrus(Class<?> endpoint) {
    container =
        new TyrusServerContainer(Set.<Class<?>>of(endpoint)) {
          private final WebSocketEngine engine = TyrusWebSocketEngine.builder(this).build();

          @Override
          public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, "/");
          }

          @Override
          public void register(ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, "/");
          }

          @Override
          public WebSocketEngine getWebSocketEngine() {
            return engine;
          }
        };
  }

  /** Listens on {@code host:port} and deploys the endpoint at the root context. */
  void start(String host, int port) throws IOException, DeploymentException {
    NetworkListener listener = new NetworkListener("grizzly", host, port);
    listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
    listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
    listener.registerAddOn(addOn(container));
    http.addListener(listener);
    http.start();
    container.start("/", port);
  }

  // the add-on's constructor is package-private; it is what Tyrus's own container registers
  private static AddOn addOn(ServerContainer container) {
    try {
      Constructor<WebSocketAddOn> constructor =
          WebSocketAddOn.class.getDeclaredConstructor(ServerContainer.class, String.class);
      constructor.setAccessible(true);
      return constructor.newInstance(container, "/");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create Tyrus's WebSocket add-on", e);
    }
  }
}
