package dev.roomcast.connection.boundary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

class TyrusFastPathTest {

  @Test
  void otherContainersGetThePortablePath() {
    assertTrue(new TyrusFastPath().adopt(session(0)).isEmpty());
  }

  @Test
  void aSessionWithAnIdleTimeoutGetsThePortablePath() {
    assertTrue(new TyrusFastPath().adopt(session(30_000)).isEmpty());
  }

  private static Session session(long idleTimeout) {
    RemoteEndpoint.Async remote =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                RemoteEndpoint.Async.class.getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> null);
    return (Session)
        Proxy.newProxyInstance(
            Session.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getMaxIdleTimeout" -> idleTimeout;
                  case "getAsyncRemote" -> remote;
                  case "getId" -> "s1";
                  case "getNegotiatedExtensions" -> List.of();
                  default -> null;
                });
  }
}
