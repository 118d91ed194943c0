package dev.roomcast.bench.load;

/**
 * How one kind of server spells joining, publishing and acknowledging; everything else (transport,
 * payload, timing, measurement) is the same client code for every server.
 */
enum Flavor {
  /** roomcast's protocol (docs/protocol.md): rooms are {@code room:<id>}, events pass through. */
  ROOMCAST {
    @Override
    String join(String room) {
      return "{\"type\":\"join\",\"room\":\"room:" + room + "\"}";
    }

    @Override
    String leave(String room) {
      return "{\"type\":\"leave\",\"room\":\"room:" + room + "\"}";
    }

    @Override
    String publish(String room, String data) {
      return "{\"type\":\"frame_update\",\"room\":\"room:" + room + "\",\"data\":" + data + "}";
    }

    @Override
    boolean isJoinAck(String text) {
      return text.startsWith("{\"type\":\"ack:join\"");
    }
  },
  /** The plain peers (Node ws, Spring): {@code {type: join|leave|publish, room, data}}. */
  PLAIN {
    @Override
    String join(String room) {
      return "{\"type\":\"join\",\"room\":\"" + room + "\"}";
    }

    @Override
    String leave(String room) {
      return "{\"type\":\"leave\",\"room\":\"" + room + "\"}";
    }

    @Override
    String publish(String room, String data) {
      return "{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":" + data + "}";
    }

    @Override
    boolean isJoinAck(String text) {
      return text.startsWith("{\"type\":\"ack:join\"");
    }
  },
  /** Socket.IO v4 over its WebSocket transport (Engine.IO 4 framing: 0 open, 2/3 ping, 42 event). */
  SOCKETIO {
    @Override
    String join(String room) {
      return "42[\"join\",\"" + room + "\"]";
    }

    @Override
    String leave(String room) {
      return "42[\"leave\",\"" + room + "\"]";
    }

    @Override
    String publish(String room, String data) {
      return "42[\"publish\",{\"room\":\"" + room + "\",\"data\":" + data + "}]";
    }

    @Override
    boolean isJoinAck(String text) {
      return text.startsWith("42[\"ack:join\"");
    }
  };

  abstract String join(String room);

  abstract String leave(String room);

  abstract String publish(String room, String data);

  abstract boolean isJoinAck(String text);
}
