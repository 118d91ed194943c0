package bench.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** Benchmark peer: join a room, broadcast to the room, serialize each event once. */
@SpringBootApplication
public class SpringPeer {

  public static void main(String[] args) {
    SpringApplication.run(SpringPeer.class, args);
  }

  /** Registers the room handler at /ws. */
  @Configuration
  @EnableWebSocket
  static class Config implements WebSocketConfigurer {
    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
      registry.addHandler(new RoomHandler(), "/ws").setAllowedOrigins("*");
    }
  }

  /** Rooms of sessions; each session wrapped so concurrent broadcasts queue instead of failing. */
  static class RoomHandler extends TextWebSocketHandler {
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Set<WebSocketSession>> rooms = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();
    private final Map<String, WebSocketSession> safe = new ConcurrentHashMap<>();

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
      safe.put(
          session.getId(),
          new ConcurrentWebSocketSessionDecorator(session, 10_000, 64 * 1024 * 1024));
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) throws IOException {
      WebSocketSession session = safe.get(raw.getId());
      JsonNode msg = json.readTree(message.getPayload());
      String type = msg.path("type").asText();
      String room = msg.path("room").asText();
      switch (type) {
        case "join" -> {
          rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
          session.sendMessage(new TextMessage("{\"type\":\"ack:join\",\"room\":\"" + room + "\"}"));
        }
        case "leave" -> {
          Set<WebSocketSession> members = rooms.get(room);
          if (members != null) {
            members.remove(session);
          }
          session.sendMessage(new TextMessage("{\"type\":\"ack:leave\",\"room\":\"" + room + "\"}"));
        }
        case "publish" -> {
          Set<WebSocketSession> members = rooms.get(room);
          if (members == null || !members.contains(session)) {
            return;
          }
          ObjectNode event = json.createObjectNode();
          event.put("type", "event");
          event.put("room", room);
          event.put("roomSeq", seqs.computeIfAbsent(room, r -> new AtomicLong()).incrementAndGet());
          event.put("timestamp", System.currentTimeMillis());
          event.set("data", msg.get("data"));
          TextMessage frame = new TextMessage(json.writeValueAsString(event));
          for (WebSocketSession member : members) {
            try {
              member.sendMessage(frame);
            } catch (IOException | RuntimeException e) {
              // a dead member must not stop the broadcast; it is dropped on close
            }
          }
        }
        default -> {}
      }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
      WebSocketSession session = safe.remove(raw.getId());
      if (session != null) {
        rooms.values().forEach(members -> members.remove(session));
      }
    }
  }
}
