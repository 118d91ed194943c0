package dev.roomcast.publicrooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.publicrooms.control.InMemoryPublicUsers;
import dev.roomcast.publicrooms.entity.PublicUser;
import org.junit.jupiter.api.Test;

/** Public users expire when unused, and each address's count starts over with its window (B12). */
class InMemoryPublicUsersTest {

  private final InMemoryPublicUsers users = new InMemoryPublicUsers();

  @Test
  void aUserLivesItsTtlAfterItsLastUse_B12() {
    users.saveUser(new PublicUser("u1", "Ann", "hash", "t"), 0, 1000);
    assertTrue(users.publicUser("u1", 900, 1000).isPresent(), "used at 900: lives until 1900");
    assertTrue(users.publicUser("u1", 1800, 1000).isPresent());
    assertTrue(users.publicUser("u1", 2801, 1000).isEmpty(), "unused for its TTL");
  }

  @Test
  void expiredUsersAndWindowsArePurged_B12() {
    for (int i = 0; i < 100; i++) {
      users.saveUser(new PublicUser("u" + i, "n", "hash", "t"), 0, 1000);
      users.countUserCreation("hash-" + i, 0, 1000);
    }
    users.purgeExpiredUsers(1000);
    assertTrue(users.publicUser("u1", 1000, 1000).isEmpty());
    assertEquals(1, users.countUserCreation("hash-1", 1000, 1000), "a new window");
  }
}
