package dev.roomcast.rooms.control;

import dev.roomcast.config.control.Settings;
import dev.roomcast.protocol.entity.ErrorCode;
import dev.roomcast.protocol.entity.Identity;
import dev.roomcast.protocol.entity.RequestRejected;
import dev.roomcast.rooms.entity.Access;
import dev.roomcast.rooms.entity.PresenceMode;
import dev.roomcast.rooms.entity.RoomKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured room kinds and the checks every join and publish goes through (F1.2, F1.3, F3.3):
 * a room name that matches no kind does not exist, and a kind's rules say who may join or publish.
 */
@ApplicationScoped
public class RoomKinds {

  private static final Logger LOG = Logger.getLogger(RoomKinds.class.getName());
  private static final String DEFAULTS = "/room-kinds.properties";
  private static final int MAX_ROOM_NAME = 256;
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private List<RoomKind> kinds;

  protected RoomKinds() {}

  @Inject
  public RoomKinds(Settings settings) {
    this(load(settings.roomKindsFile()));
  }

  public RoomKinds(List<RoomKind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /** The kinds bundled in the WAR ({@code room-kinds.properties}). */
  public static RoomKinds defaults() {
    return new RoomKinds(load(""));
  }

  public List<RoomKind> kinds() {
    return kinds;
  }

  /** The kind of a room name, if it names a legal room. */
  public Optional<RoomKind> kindOf(String room) {
    if (room == null || room.length() > MAX_ROOM_NAME) {
      return Optional.empty();
    }
    for (RoomKind kind : kinds) {
      if (kind.pattern().matcher(room).matches()) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * The kind of a room a client asks to join.
   *
   * @throws RequestRejected INVALID_ROOM for an illegal name, FORBIDDEN if the kind does not allow
   *     this client
   */
  public RoomKind requireJoinable(String room, Identity identity) {
    RoomKind kind = require(room);
    if (!allowed(kind.join(), kind, room, identity)) {
      throw new RequestRejected(ErrorCode.FORBIDDEN, "Not allowed to join " + room);
    }
    return kind;
  }

  /**
   * The kind of a room a client asks to publish into.
   *
   * @throws RequestRejected INVALID_ROOM or FORBIDDEN as for joins
   */
  public RoomKind requirePublishable(String room, Identity identity) {
    RoomKind kind = require(room);
    if (!allowed(kind.publish(), kind, room, identity)) {
      throw new RequestRejected(ErrorCode.FORBIDDEN, "Not allowed to publish into " + room);
    }
    return kind;
  }

  /** A legal room name's kind, or INVALID_ROOM. */
  public RoomKind require(String room) {
    return kindOf(room)
        .orElseThrow(
            () ->
                new RequestRejected(
                    ErrorCode.INVALID_ROOM, "No such room kind: " + abbreviate(room)));
  }

  /** The aggregate rooms that also receive events published to {@code room} (F1.3). */
  public List<String> aggregatesOf(String room) {
    Optional<RoomKind> kind = kindOf(room);
    if (kind.isEmpty() || kind.get().aggregates().isEmpty()) {
      return List.of();
    }
    Matcher matcher = kind.get().pattern().matcher(room);
    matcher.matches();
    String id = groupNames(kind.get()).contains("id") ? matcher.group("id") : "";
    return kind.get().aggregates().stream().map(a -> a.replace("{id}", id)).toList();
  }

  public boolean tracksPresence(String room) {
    return presenceOf(room) != PresenceMode.NONE;
  }

  /** How presence is announced in {@code room}; NONE for a name no kind matches. */
  public PresenceMode presenceOf(String room) {
    return kindOf(room).map(RoomKind::presence).orElse(PresenceMode.NONE);
  }

  private static boolean allowed(Access access, RoomKind kind, String room, Identity identity) {
    return switch (access) {
      case ANYONE -> true;
      case AUTHENTICATED -> identity.authenticated();
      case SELF -> identity.authenticated() && isOwnRoom(kind, room, identity.userId());
      case SERVER -> false;
    };
  }

  private static boolean isOwnRoom(RoomKind kind, String room, String userId) {
    Matcher matcher = kind.pattern().matcher(room);
    if (!matcher.matches()) {
      return false;
    }
    for (int group = 1; group <= matcher.groupCount(); group++) {
      if (userId.equals(matcher.group(group))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> groupNames(RoomKind kind) {
    List<String> names = new ArrayList<>();
    Matcher matcher = GROUP_NAME.matcher(kind.pattern().pattern());
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static String abbreviate(String room) {
    if (room == null) {
      return "null";
    }
    return room.length() > 64 ? room.substring(0, 64) + "..." : room;
  }

  static List<RoomKind> load(String file) {
    Properties properties = new Properties();
    try {
      if (file == null || file.isBlank()) {
        try (InputStream in = RoomKinds.class.getResourceAsStream(DEFAULTS)) {
          if (in == null) {
            throw new IllegalStateException(DEFAULTS + " is missing from the WAR");
          }
          properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
      } else {
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
          properties.load(in);
        }
        LOG.info("room kinds from " + file);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read room kinds " + file, e);
    }
    return parse(properties);
  }

  static List<RoomKind> parse(Properties properties) {
    List<RoomKind> kinds = new ArrayList<>();
    for (String name : list(properties.getProperty("kinds", ""))) {
      String pattern = properties.getProperty(name + ".pattern");
      if (pattern == null) {
        throw new IllegalStateException("room kind " + name + " has no pattern");
      }
      kinds.add(
          new RoomKind(
              name,
              Pattern.compile(pattern),
              access(properties, name + ".join"),
              access(properties, name + ".publish"),
              presence(properties, name + ".presence"),
              list(properties.getProperty(name + ".aggregates", ""))));
    }
    return kinds;
  }

  private static PresenceMode presence(Properties properties, String key) {
    String value = properties.getProperty(key, "false");
    try {
      return PresenceMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(key + " must be false|true|each|batched, not " + value, e);
    }
  }

  private static Access access(Properties properties, String key) {
    String value = properties.getProperty(key, "server").trim();
    try {
      return Access.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(key + " must be anyone|authenticated|self|server", e);
    }
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
