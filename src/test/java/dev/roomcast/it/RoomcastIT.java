package dev.roomcast.it;

import java.net.URI;
import java.net.URL;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the integration tests: the built WAR deployed on a Payara Micro of its own, driven from
 * outside over real HTTP and WebSocket connections on 127.0.0.1.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class RoomcastIT {

  private static final AtomicInteger ROOM_IDS = new AtomicInteger();

  @ArquillianResource URL deployment;

  @Deployment(testable = false)
  public static WebArchive war() {
    return Deployments.builtWar();
  }

  protected URI base() {
    return Deployments.loopback(deployment);
  }

  protected RestClient rest() {
    return new RestClient(base().resolve("api/"));
  }

  protected WsClient connect() throws Exception {
    return WsClient.connect(base());
  }

  /** A room id no other test uses, so tests in one deployment do not see each other's events. */
  protected static String uniqueRoomId(String prefix) {
    return prefix + "-" + ROOM_IDS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }

  /** Creates a room over REST and returns its id. */
  protected String createRoom(String prefix) {
    String id = uniqueRoomId(prefix);
    RestClient.Reply reply = rest().post("rooms", "{\"id\":\"" + id + "\"}");
    if (reply.status() != 201) {
      throw new AssertionError("creating room " + id + ": " + reply);
    }
    return id;
  }

  /**
   * Publishes {@code count} {@code frame_update} events {@code {i, pad}} into a room over REST, in
   * order, each accepted with 202.
   */
  protected void postNumberedEvents(String roomId, int count, String padding) {
    for (int i = 0; i < count; i++) {
      RestClient.Reply reply =
          rest()
              .post(
                  "rooms/" + roomId + "/events",
                  "{\"type\":\"frame_update\",\"data\":{\"i\":"
                      + i
                      + ",\"pad\":\""
                      + padding
                      + "\"}}");
      if (reply.status() != 202) {
        throw new AssertionError("event " + i + " into " + roomId + ": " + reply);
      }
    }
  }
}
