package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.roomcast.config.entity.HistoryLimits;
import dev.roomcast.rooms.control.InMemoryHistory;
import dev.roomcast.rooms.control.InMemoryRoomStore;
import dev.roomcast.rooms.control.StateSweeper;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.ManualClock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The sweeper forgets what no member uses, and nothing a member still follows (B12). */
class StateSweeperTest {

  private final ManualClock clock = new ManualClock(1_000_000);

  @Test
  void idleStreamsOfRoomsWithoutMembersAreForgottenOthersKept_B12() {
    HistoryLimits limits =
        new HistoryLimits(100, Duration.ofSeconds(10), 1 << 20, 64 << 20, Duration.ofSeconds(30));
    Fixture fx = new Fixture(new InMemoryRoomStore(), new InMemoryHistory(limits, clock));
    StateSweeper sweeper =
        new StateSweeper(
            fx.events,
            fx.history,
            round -> {},
            Executors.newSingleThreadScheduledExecutor(),
            Duration.ofSeconds(1),
            limits.effectiveStreamIdle(),
            clock);
    fx.member("watcher", "job:aaaaaaaaaaaaaaaaaaaaaaaa");
    String followed = fx.history.epoch("job:aaaaaaaaaaaaaaaaaaaaaaaa");
    String left = fx.history.epoch("server:gone");
    for (int i = 0; i < 1000; i++) {
      fx.history.epoch("server:r" + i);
    }
    clock.advance(31_000);
    sweeper.sweep();
    clock.advance(31_000);
    sweeper.sweep();
    assertEquals(
        followed,
        fx.history.epoch("job:aaaaaaaaaaaaaaaaaaaaaaaa"),
        "a room with a member keeps its stream");
    assertNotEquals(left, fx.history.epoch("server:gone"), "an idle room's stream was forgotten");
  }
}
