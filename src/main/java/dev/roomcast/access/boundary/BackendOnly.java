package dev.roomcast.access.boundary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST resource class or method: Only the backend may call it: an API key or a JWT with the
 * backend role (B10). A method's annotation wins over its class's; an endpoint with neither is
 * backend-only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BackendOnly {}
