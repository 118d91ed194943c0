package dev.roomcast.console.entity;

/** A page of the web console and the HTML template under {@code WEB-INF/console/} it renders. */
public enum ConsolePage {
  ROOMS("rooms.html"),
  ROOM("room.html"),
  STATS("stats.html");

  private final String template;

  ConsolePage(String template) {
    this.template = template;
  }

  /** The template's path inside the WAR. */
  public String template() {
    return "/WEB-INF/console/" + template;
  }
}
