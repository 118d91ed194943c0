package dev.roomcast.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roomcast.console.control.ConsolePages;
import dev.roomcast.console.entity.ConsolePage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsolePagesTest {

  private final ConsolePages pages = new ConsolePages();

  @Test
  void routesListRoomAndStatsPaths_B4() {
    assertEquals(Optional.of(ConsolePage.ROOMS), pages.route("/rooms", null));
    assertEquals(Optional.of(ConsolePage.ROOMS), pages.route("/rooms", "/"));
    assertEquals(Optional.of(ConsolePage.ROOM), pages.route("/rooms", "/demo-1.a_b"));
    assertEquals(Optional.of(ConsolePage.STATS), pages.route("/stats", null));
  }

  @Test
  void refusesInvalidRoomIdsAndDeeperPaths_B4() {
    assertEquals(Optional.empty(), pages.route("/rooms", "/-bad"));
    assertEquals(Optional.empty(), pages.route("/rooms", "/a/b"));
    assertEquals(Optional.empty(), pages.route("/stats", "/x"));
    assertEquals(Optional.empty(), pages.route("/other", null));
  }

  @Test
  void pointsTheBaseAtTheContextRoot_B4() {
    String template = "<head><base href=\"/\"></head>";
    assertEquals("<head><base href=\"/\"></head>", pages.render(template, ""));
    assertEquals("<head><base href=\"/roomcast/\"></head>", pages.render(template, "/roomcast"));
    assertEquals("<head><base href=\"/a&quot;b/\"></head>", pages.render(template, "/a\"b"));
    assertThrows(IllegalStateException.class, () -> pages.render("<head></head>", "/x"));
  }
}
