package dev.hush.application.port;

import dev.hush.domain.secret.EncryptedValue;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Personal (principal-scoped) values: one per secret and user, encrypted like any value. */
public interface SecretOverrides {
    void upsert(UUID secretId, UUID userId, EncryptedValue value, Instant now);

    Optional<EncryptedValue> find(UUID secretId, UUID userId);
}
