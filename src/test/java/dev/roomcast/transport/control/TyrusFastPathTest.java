package dev.roomcast.transport.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.connection.control.Traffic;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TyrusFastPathTest {

  @Test
  void otherContainersGetThePortablePath() {
    assertTrue(new TyrusFastPath().adopt(session(0, false), null).isEmpty());
  }

  @Test
  void aSessionWithAnIdleTimeoutGetsThePortablePath() {
    assertTrue(new TyrusFastPath().adopt(session(30_000, false), null).isEmpty());
  }

  @Test
  void withTheFastPathOffEverySessionIsPortableAndSecureOnesAreCountedApart_B11() {
    Traffic traffic = new Traffic();
    TyrusFastPath off = new TyrusFastPath(traffic, false);

    assertTrue(off.adopt(session(0, true), null).isEmpty());
    assertTrue(off.adopt(session(0, false), null).isEmpty());

    assertEquals(2L, traffic.writePaths().get("portable"));
    assertEquals(
        Map.of("portable", 1L, "tyrusWriter", 0L, "grizzlyQueue", 0L), traffic.secureWritePaths());
  }

  private static Session session(long idleTimeout, boolean secure) {
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
                  case "isSecure" -> secure;
                  default -> null;
                });
  }
}
