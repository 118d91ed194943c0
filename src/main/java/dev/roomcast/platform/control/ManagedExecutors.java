package dev.roomcast.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Hands the container's default managed executors to beans as plain JDK types, so control beans
 * stay testable with ordinary executors.
 */
@ApplicationScoped
public class ManagedExecutors {

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService executor;

  @Produces
  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Produces
  Executor executor() {
    return executor;
  }
}
