package dev.roomcast.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Logger;

/**
 * The application's scheduler, handed to beans as a plain JDK type so control beans stay testable
 * with ordinary executors. It is this deployment's own (threads from the container's managed thread
 * factory, so they carry the application's context) and stops with it: the container's default
 * managed scheduler is server-wide on WildFly, where lock expiries, coalesced events and heartbeats
 * still ran after an undeploy, against beans that were gone (B8).
 */
@ApplicationScoped
public class ManagedExecutors {

  private static final Logger LOG = Logger.getLogger(ManagedExecutors.class.getName());
  // timers, short hand-offs and the odd Redis call; a second thread keeps timers going while one
  // waits on Redis
  private static final int THREADS = 2;

  @Resource ManagedThreadFactory threads;

  private ScheduledThreadPoolExecutor scheduler;
  private ScheduledThreadPoolExecutor heartbeat;

  @PostConstruct
  void start() {
    scheduler =
        new ScheduledThreadPoolExecutor(
            THREADS,
            threads,
            // only once the application is stopping: its tasks have nothing left to act on
            (task, pool) -> LOG.fine("task after the scheduler stopped dropped: " + task));
    scheduler.setRemoveOnCancelPolicy(true);
    heartbeat =
        new ScheduledThreadPoolExecutor(
            1, threads, (task, pool) -> LOG.fine("heartbeat after the scheduler stopped: " + task));
    heartbeat.setRemoveOnCancelPolicy(true);
  }

  @Produces
  @Managed
  @Typed(ScheduledExecutorService.class)
  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** One thread for the cluster heartbeat alone ({@link Heartbeat}). */
  @Produces
  @Heartbeat
  @Typed(ScheduledExecutorService.class)
  ScheduledExecutorService heartbeat() {
    return heartbeat;
  }

  @PreDestroy
  void stop() {
    heartbeat.shutdownNow();
    scheduler.shutdownNow();
  }
}
