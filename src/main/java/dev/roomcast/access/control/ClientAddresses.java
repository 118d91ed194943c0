package dev.roomcast.access.control;

import dev.roomcast.config.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client's address behind reverse proxies (F4.2, F4.6). The TCP peer is the client unless it is
 * a configured trusted proxy; then the forwarding header ({@code X-Forwarded-For} or {@code
 * Forwarded}, whichever the proxies write) is read from the right, skipping trusted proxies, and
 * the first address that is not one is the client. Every proxy appends the peer it saw, so what a
 * client wrote itself stays left of that point and is never believed. Only address literals are
 * parsed: nothing here looks up a name.
 */
@ApplicationScoped
public class ClientAddresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private List<Range> trusted = List.of();
  private String header = "X-Forwarded-For";
  private boolean standard;

  protected ClientAddresses() {}

  @Inject
  public ClientAddresses(Settings settings) {
    this(settings.trustedProxies(), settings.forwardedHeader());
  }

  /**
   * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1})
   * @param header {@code X-Forwarded-For} or {@code Forwarded}
   * @throws IllegalStateException for an entry that is not an address literal or range, or another
   *     header
   */
  public ClientAddresses(List<String> trustedProxies, String header) {
    this.trusted = trustedProxies.stream().map(Range::parse).toList();
    if ("forwarded".equalsIgnoreCase(header)) {
      this.header = "Forwarded";
      this.standard = true;
    } else if ("x-forwarded-for".equalsIgnoreCase(header)) {
      this.header = "X-Forwarded-For";
    } else {
      throw new IllegalStateException(
          "roomcast.forwarded.header must be X-Forwarded-For or Forwarded, not " + header);
    }
  }

  /** The forwarding header the trusted proxies write. */
  public String header() {
    return header;
  }

  /** Whether any proxy is trusted (if not, the peer is always the client). */
  public boolean trustsAnyProxy() {
    return !trusted.isEmpty();
  }

  /** Whether {@code address} is a trusted proxy. */
  public boolean trusts(String address) {
    byte[] bytes = literal(address);
    return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
  }

  /**
   * The client's address.
   *
   * @param peer the TCP peer's address
   * @param headerValues every value of {@link #header()} in the request, in order
   */
  public String resolve(String peer, List<String> headerValues) {
    if (peer == null || !trusts(peer)) {
      return peer == null ? null : canonical(peer);
    }
    List<String> hops = standard ? forwardedFor(headerValues) : listed(headerValues);
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!trusts(hop)) {
        return canonical(hop);
      }
    }
    // every hop is a trusted proxy: the leftmost one is the closest to the client we know
    return canonical(hops.isEmpty() ? peer : hops.get(0));
  }

  private static List<String> listed(List<String> values) {
    List<String> hops = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        String hop = node(part.trim());
        if (!hop.isEmpty()) {
          hops.add(hop);
        }
      }
    }
    return hops;
  }

  // RFC 7239: elements separated by ',', pairs by ';', the client in for=<node>
  private static List<String> forwardedFor(List<String> values) {
    List<String> hops = new ArrayList<>();
    for (String value : values) {
      for (String element : value.split(",")) {
        for (String pair : element.split(";")) {
          String trimmed = pair.trim();
          if (trimmed.regionMatches(true, 0, "for=", 0, 4)) {
            hops.add(node(trimmed.substring(4).trim()));
          }
        }
      }
    }
    return hops;
  }

  /** A node without quotes, brackets or port: {@code "[2001:db8::1]:80"} → {@code 2001:db8::1}. */
  private static String node(String value) {
    String node = value;
    if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
      node = node.substring(1, node.length() - 1);
    }
    if (node.startsWith("[")) {
      int end = node.indexOf(']');
      return end < 0 ? node : node.substring(1, end);
    }
    int colon = node.indexOf(':');
    if (colon > 0 && colon == node.lastIndexOf(':')) {
      // one colon: an IPv4 address (or name) with a port
      return node.substring(0, colon);
    }
    return node;
  }

  /** The standard text of an address literal, so every spelling counts as one; else as given. */
  private static String canonical(String address) {
    byte[] bytes = literal(address);
    if (bytes == null) {
      return address.toLowerCase(Locale.ROOT);
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /** The bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 as IPv4), or null if it is none. */
  static byte[] literal(String text) {
    if (text == null) {
      return null;
    }
    String address = text.trim();
    int zone = address.indexOf('%');
    if (zone >= 0) {
      address = address.substring(0, zone);
    }
    if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
      return null;
    }
    try {
      // a literal: getByName parses it and never asks a resolver
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An address range: a literal with an optional prefix length. */
  record Range(byte[] network, int bits) {

    static Range parse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      byte[] bytes = literal(address);
      if (bytes == null) {
        throw new IllegalStateException(
            "roomcast.trusted.proxies: " + text + " is not an IP address or CIDR range");
      }
      int bits = bytes.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > bytes.length * 8) {
          throw new IllegalStateException("roomcast.trusted.proxies: bad prefix length in " + text);
        }
      }
      return new Range(bytes, bits);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest) & 0xFF;
      return (address[full] & mask) == (network[full] & mask);
    }
  }
}
