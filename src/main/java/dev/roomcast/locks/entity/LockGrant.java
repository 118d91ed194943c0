package dev.roomcast.locks.entity;

/**
 * What {@code lock:acquire}/{@code lock:refresh} answer: the lock is yours until {@code expiresAt}.
 */
public record LockGrant(String roomId, long ttlSeconds, long expiresAt) {}
