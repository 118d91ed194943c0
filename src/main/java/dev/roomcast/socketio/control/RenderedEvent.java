package dev.roomcast.socketio.control;

import dev.roomcast.connection.control.OutboundFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * A server message in Socket.IO's form, built once per message and shared by every Socket.IO
 * connection it goes to: the main namespace's packets, and, built on first use, those of the one
 * other namespace its members are in (a public room's, {@code /public-room/<id>}).
 */
public final class RenderedEvent {

  private record Namespaced(String namespace, RenderedEvent event) {}

  private final String type;
  private final List<OutboundFrame> packets;
  private final OutboundFrame refusal;
  // the last other namespace asked for; a message goes to one at most, so this is built once
  private volatile Namespaced namespaced;

  /**
   * @param type the envelope's type
   * @param packets the WebSocket messages that carry it, in order (an EVENT, an ACK, or CONNECT's
   *     answer followed by an EVENT)
   * @param refusal for an {@code error} envelope, the CONNECT_ERROR ({@code 44}) it becomes while
   *     the client is not connected yet; else null
   */
  public RenderedEvent(String type, List<OutboundFrame> packets, OutboundFrame refusal) {
    this.type = type;
    this.packets = packets;
    this.refusal = refusal;
  }

  public String type() {
    return type;
  }

  public List<OutboundFrame> packets() {
    return packets;
  }

  public OutboundFrame refusal() {
    return refusal;
  }

  /** This message's packets for a connection of {@code namespace} ({@code 42/ns,[...]}). */
  public RenderedEvent in(String namespace) {
    if ("/".equals(namespace)) {
      return this;
    }
    Namespaced built = namespaced;
    if (built == null || !built.namespace().equals(namespace)) {
      List<OutboundFrame> prefixed = new ArrayList<>(packets.size());
      for (OutboundFrame packet : packets) {
        prefixed.add(Rendering.inNamespace(packet, namespace));
      }
      built =
          new Namespaced(
              namespace,
              new RenderedEvent(
                  type,
                  List.copyOf(prefixed),
                  refusal == null ? null : Rendering.inNamespace(refusal, namespace)));
      namespaced = built;
    }
    return built.event();
  }
}
