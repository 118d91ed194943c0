package dev.roomcast.platform.control;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the scheduler that only the cluster heartbeat uses: a node busy releasing hundreds of
 * connections (a drain, B6) keeps the main scheduler's threads busy for seconds, and a heartbeat
 * queued behind that work made the other nodes take a live node for dead.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Heartbeat {}
