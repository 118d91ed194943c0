package dev.roomcast.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roomcast.protocol.entity.RoomNames;
import dev.roomcast.rooms.control.InMemoryRoomStore;
import dev.roomcast.rooms.control.RoomStore;
import dev.roomcast.rooms.entity.CreateRoom;
import dev.roomcast.rooms.entity.StoredRoom;
import dev.roomcast.support.Fixture;
import dev.roomcast.support.RecordingSink;
import jakarta.json.Json;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RoomChangesTest {

  @Test
  void concurrentChangesAreAnnouncedInTheOrderApplied_F0_4() throws Exception {
    List<String> applied = Collections.synchronizedList(new ArrayList<>());
    // a store that pauses after each write widens the window between applying and announcing
    RoomStore slow =
        (RoomStore)
            Proxy.newProxyInstance(
                RoomStore.class.getClassLoader(),
                new Class<?>[] {RoomStore.class},
                new SlowAfterUpdate(new InMemoryRoomStore(), applied));
    Fixture fx = new Fixture(slow);
    fx.rooms.create(new CreateRoom("r1", null, false, false));
    RecordingSink viewer = fx.member("viewer", RoomNames.ofRoom("r1"));
    ExecutorService writers = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.execute(
          () -> {
            for (int i = 0; i < 100; i++) {
              fx.rooms.update(
                  "r1", Json.createObjectBuilder().add("description", writer + "-" + i).build());
            }
          });
    }
    writers.shutdown();
    writers.awaitTermination(30, TimeUnit.SECONDS);
    List<String> announced =
        viewer.ofType("room:update").stream()
            .map(m -> m.getJsonObject("data"))
            .filter(d -> d.containsKey("description"))
            .map(d -> d.getString("description"))
            .toList();
    assertEquals(applied, announced, "diffs are announced in the order they were applied");
  }

  /**
   * Delegates to a real store, records the order in which updates were applied (inside the store's
   * atomic step) and sleeps a little after every update.
   */
  private record SlowAfterUpdate(RoomStore target, List<String> applied)
      implements InvocationHandler {
    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("update")) {
        UnaryOperator<StoredRoom> change = (UnaryOperator<StoredRoom>) args[1];
        args[1] =
            (UnaryOperator<StoredRoom>)
                room -> {
                  StoredRoom next = change.apply(room);
                  applied.add(next.metadata().description());
                  return next;
                };
      }
      try {
        Object result = method.invoke(target, args);
        if (method.getName().equals("update")) {
          Thread.sleep(ThreadLocalRandom.current().nextInt(2));
        }
        return result;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
