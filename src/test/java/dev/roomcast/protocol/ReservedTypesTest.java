package dev.roomcast.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.EventTypes;
import dev.roomcast.protocol.entity.MessageType;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.control.PassThroughEvents;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No one but the server may send the protocol's own types (issue 12 §6). */
class ReservedTypesTest {

  /**
   * Every type constant of {@link EventTypes}, found by reflection so a new one cannot be missed.
   */
  static List<String> serverTypes() throws IllegalAccessException {
    List<String> types = new ArrayList<>();
    for (Field field : EventTypes.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        types.add((String) field.get(null));
      }
    }
    return types;
  }

  @Test
  void everyServerTypeIsInTheOneList() throws IllegalAccessException {
    for (String type : serverTypes()) {
      assertTrue(EventTypes.SERVER_GENERATED.contains(type), type);
    }
  }

  @Test
  void everyServerTypeIsRefusedForTheBackendAndForPassThrough() throws IllegalAccessException {
    PassThroughEvents everything = new PassThroughEvents(List.of("*", "sync:*", "ack:*"));
    for (String type : serverTypes()) {
      assertEquals(
          ErrorCode.UNKNOWN_TYPE,
          assertThrows(RequestRejected.class, () -> EventTypes.requireCustom(type)).code(),
          type);
      assertFalse(everything.allows(type), "pass-through " + type);
    }
    for (MessageType request : MessageType.values()) {
      assertFalse(everything.allows(request.wireName()), request.wireName());
    }
    assertTrue(everything.allows("frame_update"), "other types still pass");
  }
}
