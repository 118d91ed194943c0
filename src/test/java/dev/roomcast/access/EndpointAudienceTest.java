package dev.roomcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.access.boundary.ApiGate;
import dev.roomcast.access.boundary.BackendOnly;
import dev.roomcast.access.boundary.ClientAccess;
import dev.roomcast.access.boundary.OpenAccess;
import dev.roomcast.access.entity.Audience;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint says who may call it, and says what docs/protocol.md section 6 says (B10).
 * The endpoints are found in the compiled classes, so a new one without an annotation fails here
 * (the gate would treat it as backend-only).
 */
class EndpointAudienceTest {

  private static final Map<String, Audience> DOCUMENTED = documented();

  private static Map<String, Audience> documented() {
    Map<String, Audience> table = new TreeMap<>();
    Audience open = Audience.OPEN;
    Audience clients = Audience.CLIENTS;
    Audience backend = Audience.BACKEND;
    table.put("GET /api/rooms", clients);
    table.put("GET /api/rooms/{id}", clients);
    table.put("GET /api/rooms/{id}/state", clients);
    table.put("GET /api/rooms/{id}/presence", clients);
    table.put("POST /api/rooms", backend);
    table.put("PATCH /api/rooms/{id}", backend);
    table.put("DELETE /api/rooms/{id}", backend);
    table.put("POST /api/rooms/{id}/frames", backend);
    table.put("DELETE /api/rooms/{id}/frames", backend);
    table.put("POST /api/rooms/{id}/events", backend);
    table.put("GET /api/default-room", clients);
    table.put("PUT /api/default-room", backend);
    table.put("DELETE /api/default-room", backend);
    table.put("POST /api/events", backend);
    table.put("POST /api/users/{userId}/events", backend);
    table.put("POST /api/users/{userId}/kick", backend);
    table.put("POST /api/users/{userId}/revoke-tokens", backend);
    table.put("GET /api/stats", backend);
    table.put("GET /api/metrics", backend);
    table.put("POST /api/node/drain", backend);
    table.put("GET /api/health", open);
    table.put("GET /api/caller", open);
    table.put("POST /api/public/users", open);
    table.put("POST /api/public/rooms/{id}/join", open);
    table.put("POST /api/public/rooms/{id}/leave", open);
    table.put("POST /api/public/rooms/{id}/broadcast", backend);
    return table;
  }

  @Test
  void everyEndpointDeclaresWhoMayCallItAsDocumented_B10() throws Exception {
    Map<String, Audience> found = new TreeMap<>();
    List<String> undeclared = new ArrayList<>();
    for (Class<?> resource : resources()) {
      for (Method method : resource.getDeclaredMethods()) {
        String verb = httpMethod(method);
        if (verb == null) {
          continue;
        }
        String endpoint = verb + " " + path(resource, method);
        if (!declares(method) && !declares(resource)) {
          undeclared.add(endpoint);
        }
        found.put(endpoint, ApiGate.audience(method, resource));
      }
    }
    assertTrue(
        undeclared.isEmpty(),
        "endpoints without @OpenAccess/@ClientAccess/@BackendOnly: " + undeclared);
    assertEquals(DOCUMENTED, found);
  }

  @Test
  void anEndpointWithoutAnnotationIsBackendOnly_B10() throws Exception {
    assertEquals(
        Audience.BACKEND, ApiGate.audience(Object.class.getMethod("toString"), Object.class));
  }

  private static boolean declares(java.lang.reflect.AnnotatedElement element) {
    return element.isAnnotationPresent(OpenAccess.class)
        || element.isAnnotationPresent(ClientAccess.class)
        || element.isAnnotationPresent(BackendOnly.class);
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  private static String path(Class<?> resource, Method method) {
    String path = "/api/" + resource.getAnnotation(Path.class).value();
    Path sub = method.getAnnotation(Path.class);
    if (sub != null) {
      path += "/" + sub.value();
    }
    return path.replaceAll("/+", "/").replaceAll("/$", "");
  }

  /** The classes under dev.roomcast in the build's output that carry {@code @Path}. */
  private static List<Class<?>> resources() throws IOException, ClassNotFoundException {
    java.nio.file.Path root = java.nio.file.Path.of("target", "classes");
    List<Class<?>> resources = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("dev/roomcast"))) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.contains("$")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, EndpointAudienceTest.class.getClassLoader());
        if (type.isAnnotationPresent(Path.class)) {
          resources.add(type);
        }
      }
    }
    return resources;
  }
}
