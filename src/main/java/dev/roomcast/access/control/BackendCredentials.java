package dev.roomcast.access.control;

import dev.roomcast.config.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The backend's API keys (B10). A presented key is compared with every configured one in constant
 * time, through their SHA-256 digests, so neither a key's content nor its length leaks through the
 * time an answer takes.
 */
@ApplicationScoped
public class BackendCredentials {

  /** The shortest API key accepted. */
  public static final int MIN_KEY_LENGTH = 32;

  private List<byte[]> digests = List.of();
  private boolean insecure;

  protected BackendCredentials() {}

  @Inject
  public BackendCredentials(Settings settings) {
    this(settings.apiKeys(), settings.apiInsecure());
  }

  /**
   * @throws IllegalStateException if a key is shorter than {@link #MIN_KEY_LENGTH}
   */
  public BackendCredentials(List<String> apiKeys, boolean insecure) {
    for (String key : apiKeys) {
      if (key.length() < MIN_KEY_LENGTH) {
        throw new IllegalStateException(
            "roomcast.api.key (ROOMCAST_API_KEY): each key must be at least "
                + MIN_KEY_LENGTH
                + " characters; one has "
                + key.length());
      }
    }
    this.digests = apiKeys.stream().map(BackendCredentials::digest).toList();
    this.insecure = insecure;
  }

  /** True if {@code candidate} is one of the configured API keys. */
  public boolean isApiKey(String candidate) {
    byte[] presented = digest(candidate);
    boolean match = false;
    // no early exit: every key is compared whatever the outcome
    for (byte[] key : digests) {
      match |= MessageDigest.isEqual(presented, key);
    }
    return match;
  }

  /** How many API keys are configured. */
  public int keyCount() {
    return digests.size();
  }

  /** Development mode: the backend endpoints answer without a credential. */
  public boolean insecure() {
    return insecure;
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
