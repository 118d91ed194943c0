package dev.roomcast.connection.boundary;

import dev.roomcast.config.control.Settings;
import jakarta.websocket.Session;

/**
 * Frame size limits of a session (B3). Frames up to {@code ROOMCAST_MAX_FRAME_BYTES} are read and
 * answered; the container reads up to four times that and closes with 1009 beyond, so a frame
 * somewhat too large still gets a coded FRAME_TOO_LARGE and only a huge one costs the connection.
 */
public final class FrameLimits {

  private static final int CONTAINER_FACTOR = 4;

  private FrameLimits() {}

  public static void apply(Session session, Settings settings) {
    session.setMaxTextMessageBufferSize(settings.maxFrameBytes() * CONTAINER_FACTOR);
    session.setMaxBinaryMessageBufferSize(settings.maxFrameBytes());
  }
}
