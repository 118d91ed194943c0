package dev.roomcast.access.boundary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST resource class or method: Anyone may call it without a credential (B10); a credential
 * that is sent must still be valid. A method's annotation wins over its class's; an endpoint with
 * neither is backend-only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OpenAccess {}
