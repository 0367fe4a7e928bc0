package dev.hush.domain.secret;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One version of a secret's value, as stored: the ciphertext envelope (never plaintext), who made it
 * and when, and whether it has been deleted (soft delete marks the latest version).
 */
public record SecretVersion(UUID secretId, int version, EncryptedValue value, Instant createdAt,
                            Optional<UUID> createdBy, boolean deleted) {
    public SecretVersion {
        Objects.requireNonNull(secretId);
        Objects.requireNonNull(value);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(createdBy);
    }
}
