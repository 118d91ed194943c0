package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.platform.control.Managed;
import dev.roomcast.rooms.entity.SweepRound;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Frees per-room state nobody uses any more (B12), every {@code ROOMCAST_SWEEP_INTERVAL_MILLIS}:
 * history past its age goes even in rooms nobody touches, the streams of rooms with members here
 * are kept alive (and, with Redis, checked against a lost store), streams idle for {@code
 * ROOMCAST_STREAM_IDLE_SECONDS} in rooms without members are forgotten, and so are the delivered
 * positions of rooms without members and expired public users.
 */
@ApplicationScoped
public class StateSweeper {

  private static final Logger LOG = Logger.getLogger(StateSweeper.class.getName());

  private RoomEventService events;
  private HistoryStore history;
  // what other components free in the same round (expired public users)
  private Consumer<SweepRound> others;
  private ScheduledExecutorService scheduler;
  private Duration interval;
  private Duration streamIdle;
  private Clock clock;
  private ScheduledFuture<?> task;
  // a sweep that fails (Redis down) is logged once, not every interval
  private volatile boolean failing;

  protected StateSweeper() {}

  @Inject
  public StateSweeper(
      RoomEventService events,
      HistoryStore history,
      Event<SweepRound> rounds,
      @Managed ScheduledExecutorService scheduler,
      Settings settings) {
    this(
        events,
        history,
        rounds::fire,
        scheduler,
        settings.sweepInterval(),
        settings.historyLimits().effectiveStreamIdle(),
        Clock.systemUTC());
  }

  public StateSweeper(
      RoomEventService events,
      HistoryStore history,
      Consumer<SweepRound> others,
      ScheduledExecutorService scheduler,
      Duration interval,
      Duration streamIdle,
      Clock clock) {
    this.events = events;
    this.history = history;
    this.others = others;
    this.scheduler = scheduler;
    this.interval = interval;
    this.streamIdle = streamIdle;
    this.clock = clock;
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    long millis = Math.max(100, interval.toMillis());
    task = scheduler.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** One round. */
  public void sweep() {
    try {
      long now = clock.millis();
      // what needs no Redis first, so a Redis outage does not stop it
      history.expireAged();
      events.forgetIdleStreams(now - streamIdle.toMillis());
      events.dropUnfollowed();
      others.accept(new SweepRound(now, events.roomsWithMembers()));
      events.keepStreamsAlive();
      if (failing) {
        LOG.info("sweeping per-room state works again");
      }
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.log(Level.WARNING, "sweeping per-room state failed; retrying every " + interval, e);
      }
      failing = true;
    }
  }
}
