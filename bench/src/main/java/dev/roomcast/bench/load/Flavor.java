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

    @Override
    boolean engineIo() {
      return true;
    }
  },
  /**
   * roomcast's protocol through its Socket.IO door ({@code /socket.io/}, B9): the same requests as
   * {@link #ROOMCAST}, as Socket.IO events, with the data's {@code room} naming the room; events
   * arrive as {@code 42["frame_update", data, meta]}.
   */
  ROOMCAST_SIO {
    @Override
    String join(String room) {
      return "42[\"join\",{\"room\":\"room:" + room + "\"}]";
    }

    @Override
    String leave(String room) {
      return "42[\"leave\",{\"room\":\"room:" + room + "\"}]";
    }

    @Override
    String publish(String room, String data) {
      // the payload's own fields beside the room: {"room":"room:b0","ts":...,"n":...,"pad":...}
      return "42[\"frame_update\",{\"room\":\"room:" + room + "\"," + data.substring(1) + "]";
    }

    @Override
    boolean isJoinAck(String text) {
      return text.startsWith("42[\"ack:join\"");
    }

    @Override
    boolean engineIo() {
      return true;
    }
  };

  abstract String join(String room);

  abstract String leave(String room);

  abstract String publish(String room, String data);

  abstract boolean isJoinAck(String text);

  /** Whether the connection speaks Engine.IO: open packet, CONNECT, pings answered with 3. */
  boolean engineIo() {
    return false;
  }
}
