package dev.roomcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roomcast.support.RoomcastNode;
import dev.roomcast.support.WildFlyNode;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Undeploying roomcast from a running WildFly leaves nothing of it running (B8). WildFly's default
 * managed scheduler is the server's, not the deployment's: lock expiries and coalesced events
 * scheduled on it ran after the undeploy, against beans that were gone (Weld's WELD-000229 and
 * friends in the log). Payara Micro runs one application and undeploys it only by stopping, so this
 * runs in the WildFly IT run only.
 */
class UndeployIT {

  @Test
  void undeployLeavesNoTimerOfTheApplicationRunning_B8() throws Exception {
    assumeTrue(RoomcastNode.onWildFly(), "WildFly only: Payara Micro undeploys by stopping");
    try (WildFlyNode node =
        WildFlyNode.start("undeploy", Map.of("ROOMCAST_COALESCE_INTERVAL_MS", "3000"))) {
      RestClient rest = new RestClient(node.base().resolve("api/"));
      String id = "undeploy-" + UUID.randomUUID().toString().substring(0, 8);
      assertEquals(201, rest.post("rooms", "{\"id\":\"" + id + "\"}").status());
      WsClient holder = WsClient.connect(node.base());
      holder.send("join:room", null, null, "{\"roomId\":\"" + id + "\"}");
      holder.await("ack:join");
      // a lock that lapses and a coalesced event that is due after the undeploy
      holder.send("lock:acquire", "room:" + id, "l", "{\"msg\":\"x\",\"ttlSeconds\":2}");
      holder.await("ack:op");
      for (int i = 0; i < 3; i++) {
        holder.send("frame_selection:update", "room:" + id, null, "{\"i\":" + i + "}");
      }
      node.undeploy();
      Thread.sleep(5_000); // past the lock's TTL and the coalescing interval
      String log = Files.readString(node.log());
      int undeployed = log.lastIndexOf("WFLYSRV0009");
      String afterUndeploy = undeployed < 0 ? log : log.substring(undeployed);
      for (String sign : new String[] {"WELD-000229", "WELD-001304", "dev.roomcast"}) {
        assertFalse(
            afterUndeploy.contains(sign),
            "after the undeploy the server logged " + sign + ":\n" + afterUndeploy);
      }
      holder.close();
    }
  }
}
