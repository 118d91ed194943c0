package dev.roomcast.handshake.boundary;

import dev.roomcast.access.control.ClientAddresses;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Gives the sockets' handshakes the client's address (F4.2): the TCP peer, or, when that is a
 * trusted proxy, the address {@link ClientAddresses} finds in the forwarding header. It travels on
 * as the request's remote address and as the {@link ClientAddress#HEADER} header, which {@link
 * SocketHandshake} records for the session; a value of that header the client sent is never seen. A
 * declared filter runs before the container's own WebSocket filter on both Payara (Tyrus) and
 * WildFly (Undertow), and both build the handshake from the request this filter hands on.
 */
@WebFilter(
    urlPatterns = {"/ws", "/public-room/*", "/socket.io/*"},
    asyncSupported = true)
public class ForwardedClientFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient ClientAddresses addresses;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String client =
        addresses.resolve(
            request.getRemoteAddr(), Collections.list(request.getHeaders(addresses.header())));
    chain.doFilter(new WithClient(request, client), response);
  }

  /** The request as the handshake sees it: from the client, with the address header set. */
  private static final class WithClient extends HttpServletRequestWrapper {

    private final String client;

    WithClient(HttpServletRequest request, String client) {
      super(request);
      this.client = client;
    }

    @Override
    public String getRemoteAddr() {
      return client;
    }

    @Override
    public String getRemoteHost() {
      return client;
    }

    @Override
    public String getHeader(String name) {
      return ClientAddress.HEADER.equalsIgnoreCase(name) ? client : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return ClientAddress.HEADER.equalsIgnoreCase(name)
          ? Collections.enumeration(client == null ? List.of() : List.of(client))
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = new ArrayList<>();
      for (String name : Collections.list(super.getHeaderNames())) {
        if (!ClientAddress.HEADER.equalsIgnoreCase(name)) {
          names.add(name);
        }
      }
      if (client != null) {
        names.add(ClientAddress.HEADER);
      }
      return Collections.enumeration(names);
    }
  }
}
