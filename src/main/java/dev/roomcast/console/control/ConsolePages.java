package dev.roomcast.console.control;

import dev.roomcast.console.entity.ConsolePage;
import dev.roomcast.protocol.entity.RoomNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Decides which console page a request path shows and renders it: the templates carry {@code <base
 * href="/">}, which becomes the WAR's context root so the pages' relative links (scripts, {@code
 * api/}, {@code ws}) work under any context and at any depth ({@code /rooms/{roomId}}).
 */
@ApplicationScoped
public class ConsolePages {

  static final String BASE_PLACEHOLDER = "<base href=\"/\">";

  /**
   * The page for a servlet path and path info: {@code /rooms} the list, {@code /rooms/{id}} a room
   * (a valid id only), {@code /stats} the stats; nothing for anything else.
   */
  public Optional<ConsolePage> route(String servletPath, String pathInfo) {
    boolean bare = pathInfo == null || pathInfo.equals("/");
    if ("/stats".equals(servletPath)) {
      return bare ? Optional.of(ConsolePage.STATS) : Optional.empty();
    }
    if (!"/rooms".equals(servletPath)) {
      return Optional.empty();
    }
    if (bare) {
      return Optional.of(ConsolePage.ROOMS);
    }
    String roomId = pathInfo.substring(1);
    return RoomNames.isValidId(roomId) ? Optional.of(ConsolePage.ROOM) : Optional.empty();
  }

  /** The template with its base pointing at {@code contextPath} ("" for the root context). */
  public String render(String template, String contextPath) {
    if (!template.contains(BASE_PLACEHOLDER)) {
      throw new IllegalStateException("console template lacks " + BASE_PLACEHOLDER);
    }
    return template.replace(BASE_PLACEHOLDER, "<base href=\"" + attribute(contextPath) + "/\">");
  }

  private static String attribute(String text) {
    return text.replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}
