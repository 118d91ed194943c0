package dev.roomcast.protocol.entity;

/**
 * Who a connection belongs to.
 *
 * @param userId the user's id: the token's {@code sub}, or {@code anon-<sid>} when anonymous
 * @param userName the name to show: the token's {@code name}, or {@code Anonymous}
 * @param authenticated whether a verified token proved it (only then the connection joins {@code
 *     user:<id>})
 * @param issuedAt when the token was issued (epoch seconds; see {@code TokenAuthentication} for
 *     tokens without {@code iat}), 0 when there is none: a token cut-off (F3.7) closes the
 *     connections whose token was issued before it
 */
public record Identity(String userId, String userName, boolean authenticated, long issuedAt) {

  public Identity(String userId, String userName, boolean authenticated) {
    this(userId, userName, authenticated, 0);
  }

  /** The identity of a connection that showed no token. */
  public static Identity anonymous(String sid) {
    return new Identity("anon-" + sid, "Anonymous", false, 0);
  }
}
