package dev.roomcast.connection.entity;

/** How a connection's outbound frames reach its socket; reported in {@code GET /api/stats}. */
public enum WritePath {
  /** {@code RemoteEndpoint.Async.sendText}, one frame per call: any container. */
  PORTABLE("portable"),
  /**
   * Pre-built frames to Tyrus's transport writer, above TLS: standalone Tyrus, secure connections
   * on Payara, or Payara before or if the Grizzly queue cannot be reached.
   */
  TYRUS_WRITER("tyrusWriter"),
  /**
   * Pre-built frames straight into the Grizzly connection's write queue, below any TLS filter:
   * plain connections on Payara only.
   */
  GRIZZLY_QUEUE("grizzlyQueue");

  private final String key;

  WritePath(String key) {
    this.key = key;
  }

  /** The name used in the stats JSON. */
  public String key() {
    return key;
  }
}
