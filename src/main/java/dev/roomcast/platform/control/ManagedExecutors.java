package dev.roomcast.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Hands the container's default managed scheduler to beans as a plain JDK type, so control beans
 * stay testable with ordinary executors.
 */
@ApplicationScoped
public class ManagedExecutors {

  @Resource ManagedScheduledExecutorService scheduler;

  @Produces
  @Managed
  @Typed(ScheduledExecutorService.class)
  ScheduledExecutorService scheduler() {
    return scheduler;
  }
}
