package dev.roomcast.console.boundary;

import dev.roomcast.console.control.ConsolePages;
import dev.roomcast.console.entity.ConsolePage;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Serves the console pages from the WAR; their scripts talk to {@code /api} and {@code /ws}. */
@WebServlet(urlPatterns = {"/rooms", "/rooms/*", "/stats"})
public class ConsoleServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient ConsolePages pages;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<ConsolePage> page = pages.route(request.getServletPath(), request.getPathInfo());
    if (page.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String template;
    try (InputStream in = getServletContext().getResourceAsStream(page.get().template())) {
      if (in == null) {
        throw new IllegalStateException("missing " + page.get().template() + " in the WAR");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    response.setContentType("text/html;charset=UTF-8");
    // pages are tiny and change with the WAR: always revalidate
    response.setHeader("Cache-Control", "no-cache");
    response.getWriter().write(pages.render(template, request.getContextPath()));
  }
}
