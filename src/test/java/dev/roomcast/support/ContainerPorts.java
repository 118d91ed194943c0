package dev.roomcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the Arquillian-managed WildFly of this test JVM free ports on 127.0.0.1 for its HTTP, HTTPS
 * and management listeners ({@code arquillian.xml} reads them as system properties), before any
 * test class starts it. Each JVM picks its own, so IT classes can run in several JVMs at once; a
 * port given with {@code -D} is kept.
 */
public class ContainerPorts implements LauncherSessionListener {

  private static final List<String> PORTS =
      List.of("wildfly.http.port", "wildfly.https.port", "wildfly.management.port");

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    for (String name : PORTS) {
      if (System.getProperty(name) == null) {
        System.setProperty(name, String.valueOf(freePort()));
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }
}
