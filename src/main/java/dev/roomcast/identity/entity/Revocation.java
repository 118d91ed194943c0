package dev.roomcast.identity.entity;

/**
 * The answer to a token cut-off (F3.7).
 *
 * @param userId whose tokens
 * @param issuedBefore the cut-off in force (epoch seconds): tokens issued before it are refused
 * @param closed connections closed on the node that took the request
 */
public record Revocation(String userId, long issuedBefore, int closed) {}
