package dev.hush.application.port;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Short-lived X25519 server keys (Poliglot API), private keys wrapped by the organization's KEK. */
public interface ExchangeKeys {
    record Stored(UUID id, UUID orgId, byte[] publicKey, byte[] privateWrapped, Instant expiresAt) {
        @Override
        public String toString() { return "ExchangeKey[" + id + "]"; }
    }

    void insert(Stored key);

    /** The key of this organization with this id, expired or not. */
    Optional<Stored> find(UUID orgId, UUID keyId);

    /** Deletes keys that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
