package dev.hush.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Organizations' key pairs for sealed transport: per version an RSA pair (public key as SubjectPublicKeyInfo
 * DER) and, for sealed writes on X25519, an X25519 pair (raw public key); private keys only wrapped.
 */
public interface SealingKeys {
    /** The X25519 half of a version: the raw 32-byte public key and the private key wrapped by the organization's KEK. */
    record X25519Half(byte[] publicKey, byte[] privateWrapped) {
        @Override
        public String toString() { return "X25519Half"; }
    }

    /**
     * One key pair version; {@code privateWrapped} is the PKCS#8 RSA private key wrapped by the organization's
     * KEK; {@code x25519} is empty for a version made before X25519 sealed writes (it gets one on first use).
     */
    record Stored(UUID orgId, int version, byte[] publicKey, byte[] privateWrapped, Instant createdAt, Optional<Instant> retiredAt,
                  Optional<X25519Half> x25519) {
        /** A version without its X25519 half (yet). */
        public Stored(UUID orgId, int version, byte[] publicKey, byte[] privateWrapped, Instant createdAt, Optional<Instant> retiredAt) {
            this(orgId, version, publicKey, privateWrapped, createdAt, retiredAt, Optional.empty());
        }

        @Override
        public String toString() { return "SealingKey[" + orgId + " v" + version + "]"; }
    }

    /** Conflict rejection when the organization already has this version. */
    void insert(Stored key);

    /** The organization's key pairs, newest first. */
    List<Stored> all(UUID orgId);

    /**
     * Gives version {@code version} its X25519 half; false, changing nothing, when that version has one
     * already (a concurrent caller's) or does not exist.
     */
    boolean addX25519(UUID orgId, int version, X25519Half half);

    /** Marks every pair older than {@code version} retired at {@code at} (those not retired yet). */
    void retireOlderThan(UUID orgId, int version, Instant at);

    /** Deletes pairs retired before {@code cutoff}: what they sealed can no longer be opened. */
    void deleteRetiredBefore(UUID orgId, Instant cutoff);
}
