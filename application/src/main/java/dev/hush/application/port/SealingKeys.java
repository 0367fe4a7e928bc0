package dev.hush.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organizations' RSA key pairs for sealed transport: public keys (SubjectPublicKeyInfo DER) and wrapped private keys. */
public interface SealingKeys {
    /** One key pair; {@code privateWrapped} is the PKCS#8 private key wrapped by the organization's KEK. */
    record Stored(UUID orgId, int version, byte[] publicKey, byte[] privateWrapped, Instant createdAt, Optional<Instant> retiredAt) {
        @Override
        public String toString() { return "SealingKey[" + orgId + " v" + version + "]"; }
    }

    /** Conflict rejection when the organization already has this version. */
    void insert(Stored key);

    /** The organization's key pairs, newest first. */
    List<Stored> all(UUID orgId);

    /** Marks every pair older than {@code version} retired at {@code at} (those not retired yet). */
    void retireOlderThan(UUID orgId, int version, Instant at);

    /** Deletes pairs retired before {@code cutoff}: what they sealed can no longer be opened. */
    void deleteRetiredBefore(UUID orgId, Instant cutoff);
}
