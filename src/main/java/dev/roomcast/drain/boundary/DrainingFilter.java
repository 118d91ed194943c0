package dev.roomcast.drain.boundary;

import dev.roomcast.drain.control.NodeDrain;
import dev.roomcast.protocol.entity.ErrorCode;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses the WebSocket upgrade while the node drains (B6): HTTP 503 with {@code {code:
 * NODE_DRAINING}} and {@code Retry-After}, before the container's own WebSocket filter (a declared
 * filter runs first on Payara and WildFly), so the client can go to another node at once.
 */
@WebFilter(
    urlPatterns = {"/ws", "/public-room/*", "/socket.io/*"},
    asyncSupported = true)
public class DrainingFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final String BODY =
      "{\"code\":\""
          + ErrorCode.NODE_DRAINING.name()
          + "\",\"message\":\"This node is shutting down; connect to another node\"}";

  @Inject transient NodeDrain drain;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!drain.draining()) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(ErrorCode.NODE_DRAINING.httpStatus());
    response.setHeader("Retry-After", "1");
    response.setHeader("Connection", "close");
    response.setContentType("application/json");
    response.getWriter().write(BODY);
  }
}
