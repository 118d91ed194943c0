package dev.roomcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, kept by the build: components depend on each other in one direction,
 * entities know no logic, logic knows no endpoints. A new component has to take its place in {@link
 * #FLOORS}, so where it sits is decided once, here, and not by whatever it imports.
 */
class ArchitectureTest {

  /**
   * Every component under {@code dev.roomcast}, bottom first: each may use the ones before it and
   * none after it. README's "Layout" section explains each floor.
   */
  static final List<String> FLOORS =
      List.of(
          "protocol", // the wire's vocabulary: envelopes, message records, error and close codes
          "config", // settings
          "platform", // what the container gives: managed threads, the node's identity, REST errors
          "store", // the Redis connection the Redis-backed stores share
          "connection", // connections, outboxes, the FrameSink port, registries
          "transport", // container adapters behind FrameSink (Tyrus, Grizzly, portable)
          "identity", // tokens, cut-offs, kicks
          "access", // who may call a REST endpoint or console page
          "rooms", // numbering, history, fan-out, metadata; the distribution port
          "locks",
          "presenter",
          "presence",
          "cluster", // Redis distribution, node directory, dead-node clean-up
          "drain",
          "handshake", // admission of a new socket
          "publicrooms",
          "observability",
          "sockets", // the WebSocket endpoints and the request dispatcher
          "socketio", // Socket.IO clients in front of the same connections and dispatcher
          "console");

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.roomcast");

  @Test
  void everyComponentHasItsFloor() {
    Set<String> components = new TreeSet<>();
    MAIN.forEach(
        type -> {
          String rest = type.getPackageName().substring("dev.roomcast.".length());
          components.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
        });
    assertEquals(new TreeSet<>(FLOORS), components, "components and FLOORS must name the same set");
  }

  @Test
  void componentsDependOnlyOnFloorsBelowThem() {
    for (int floor = 0; floor < FLOORS.size() - 1; floor++) {
      String[] above =
          FLOORS.subList(floor + 1, FLOORS.size()).stream()
              .map(component -> "dev.roomcast." + component + "..")
              .toArray(String[]::new);
      ArchRule rule =
          noClasses()
              .that()
              .resideInAPackage("dev.roomcast." + FLOORS.get(floor) + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(above)
              .because(
                  FLOORS.get(floor)
                      + " sits below "
                      + String.join(", ", FLOORS.subList(floor + 1, FLOORS.size())));
      rule.check(MAIN);
    }
  }

  @Test
  void componentsFormNoCycle() {
    slices().matching("dev.roomcast.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void entitiesKnowNoLogicAndNoEndpoints() {
    noClasses()
        .that()
        .resideInAPackage("..entity..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..control..", "..boundary..")
        .check(MAIN);
  }

  @Test
  void logicKnowsNoEndpoints() {
    noClasses()
        .that()
        .resideInAPackage("..control..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..boundary..")
        .check(MAIN);
  }
}
