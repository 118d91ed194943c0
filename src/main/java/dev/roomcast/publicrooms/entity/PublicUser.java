package dev.roomcast.publicrooms.entity;

/**
 * An anonymous user of the public rooms, created over REST (F4.6).
 *
 * @param userId generated id
 * @param userName the name the user chose
 * @param ipHash SHA-256 (hex) of the IP address that created the user; the address is never kept
 * @param createdAt ISO-8601
 */
public record PublicUser(String userId, String userName, String ipHash, String createdAt) {}
