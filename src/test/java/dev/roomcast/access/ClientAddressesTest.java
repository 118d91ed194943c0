package dev.roomcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.access.control.ClientAddresses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client's address behind reverse proxies: trusted proxies only, rightmost untrusted (F4.2).
 */
class ClientAddressesTest {

  private final ClientAddresses xff =
      new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32"), "X-Forwarded-For");
  private final ClientAddresses forwarded = new ClientAddresses(List.of("10.0.0.0/8"), "Forwarded");

  @Test
  void withoutTrustedProxiesThePeerIsTheClient_F4_2() {
    ClientAddresses none = new ClientAddresses(List.of(), "X-Forwarded-For");
    assertFalse(none.trustsAnyProxy());
    assertEquals("10.1.2.3", none.resolve("10.1.2.3", List.of("203.0.113.9")));
  }

  @Test
  void headerFromAnUntrustedPeerIsIgnored_F4_2() {
    assertEquals("198.51.100.7", xff.resolve("198.51.100.7", List.of("203.0.113.9")));
  }

  @Test
  void rightmostUntrustedHopIsTheClient_F4_2() {
    // the client wrote "1.1.1.1" itself; the first proxy appended the real peer 203.0.113.9
    assertEquals("203.0.113.9", xff.resolve("10.0.0.2", List.of("1.1.1.1, 203.0.113.9, 10.0.0.5")));
    assertEquals("203.0.113.9", xff.resolve("10.0.0.2", List.of("1.1.1.1", "203.0.113.9")));
    assertEquals("203.0.113.9", xff.resolve("192.0.2.1", List.of("203.0.113.9:5123")));
    assertEquals("2001:db9:0:0:0:0:0:1", xff.resolve("2001:db8::5", List.of("[2001:db9::1]:443")));
    // every hop trusted: the leftmost is as close to the client as is known
    assertEquals("10.9.9.9", xff.resolve("10.0.0.2", List.of("10.9.9.9, 10.0.0.5")));
    // no header: the proxy itself
    assertEquals("10.0.0.2", xff.resolve("10.0.0.2", List.of()));
    // anything but an address stops the walk and is taken as it is
    assertEquals("unknown", xff.resolve("10.0.0.2", List.of("203.0.113.9, unknown")));
  }

  @Test
  void forwardedHeaderIsReadPerRfc7239AndTheOtherHeaderIgnored_F4_2() {
    assertEquals(
        "203.0.113.9",
        forwarded.resolve(
            "10.0.0.2",
            List.of(
                "for=1.1.1.1;proto=https, for=\"203.0.113.9:4711\";by=10.0.0.2", "for=10.0.0.7")));
    assertEquals(
        "2001:db8:0:0:0:0:0:1", forwarded.resolve("10.0.0.2", List.of("For=\"[2001:db8::1]:80\"")));
    assertEquals("X-Forwarded-For", xff.header());
    assertEquals("Forwarded", forwarded.header());
  }

  @Test
  void spellingsOfOneAddressCountAsOne_F4_2() {
    assertEquals("203.0.113.9", xff.resolve("10.0.0.2", List.of("::ffff:203.0.113.9")));
    assertEquals("10.0.0.2", xff.resolve("::ffff:10.0.0.2", List.of()));
    assertTrue(xff.trusts("::ffff:10.200.0.1"));
    assertFalse(xff.trusts("11.0.0.1"));
    assertFalse(xff.trusts("localhost"));
  }

  @Test
  void settingsThatAreNotAddressesAreRefused_F4_2() {
    assertThrows(
        IllegalStateException.class,
        () -> new ClientAddresses(List.of("proxy.example"), "X-Forwarded-For"));
    assertThrows(
        IllegalStateException.class,
        () -> new ClientAddresses(List.of("10.0.0.0/33"), "Forwarded"));
    assertThrows(IllegalStateException.class, () -> new ClientAddresses(List.of(), "X-Real-IP"));
  }
}
