package dev.hush.application.sealed;

import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.crypto.SealedBundle;
import dev.hush.application.port.SealingKeys;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each organization's RSA key pair for sealed transport. The private key exists in the database only
 * wrapped by the organization's KEK. After a rotation the replaced pairs still open sealed values for a
 * grace period (clients that fetched the public key just before), then they are deleted. Methods run
 * inside the caller's transaction.
 */
public final class OrgKeyPairs {
    static final String OPEN_FAILED = "sealed_value_invalid";

    private final SealingKeys store;
    private final KeyHierarchy keys;
    private final Clock clock;
    private final Duration grace;

    public OrgKeyPairs(SealingKeys store, KeyHierarchy keys, Clock clock, Duration grace) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.grace = grace;
    }

    /** A key pair made ahead of its transaction (RSA key generation costs a few hundred milliseconds). */
    public record Prepared(KeyPair pair) {
        @Override
        public String toString() { return "Prepared"; }
    }

    public static Prepared prepare() { return new Prepared(RsaOaep.generate()); }

    /** The public half of the organization's current pair. */
    public record PublicKey(int version, String pem, Instant createdAt) {}

    /** For a new organization: its KEK (to store with it) and the first pair's wrapped private key. */
    public KeyHierarchy.NewOrganizationKeys newOrganizationKeys(UUID orgId, Prepared prepared) {
        byte[] pkcs8 = prepared.pair().getPrivate().getEncoded();
        try {
            return keys.newOrganizationKeys(orgId, context(orgId, 1), pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** For a new organization whose pair comes later: its KEK alone. */
    public WrappedKeyBlob newOrganizationKek(UUID orgId) {
        return keys.newOrganizationKek(orgId);
    }

    /** Stores the first pair of a new organization, after the organization row. */
    public void storeFirst(UUID orgId, Prepared prepared, byte[] privateWrapped, Instant now) {
        store.insert(new SealingKeys.Stored(orgId, 1, prepared.pair().getPublic().getEncoded(), privateWrapped, now, Optional.empty()));
    }

    /** The current public key, if the organization has a pair yet (a new one gets it in the background or on first use). */
    public Optional<PublicKey> current(UUID orgId) {
        List<SealingKeys.Stored> all = store.all(orgId);
        return all.isEmpty() ? Optional.empty()
                : Optional.of(new PublicKey(all.get(0).version(), RsaOaep.pem(all.get(0).publicKey()), all.get(0).createdAt()));
    }

    /** The current public key; an organization without a pair yet gets {@code prepared} as its first. */
    public PublicKey ensure(UUID orgId, Prepared prepared) {
        return current(orgId).orElseGet(() -> {
            SealingKeys.Stored s = add(orgId, 1, prepared.pair());
            return new PublicKey(s.version(), RsaOaep.pem(s.publicKey()), s.createdAt());
        });
    }

    /** A new pair becomes current; the others open sealed values for the grace period, older retired ones are deleted. */
    public PublicKey rotate(UUID orgId, Prepared prepared) {
        List<SealingKeys.Stored> all = store.all(orgId);
        int version = all.isEmpty() ? 1 : all.get(0).version() + 1;
        SealingKeys.Stored added = add(orgId, version, prepared.pair());
        Instant now = clock.instant();
        store.retireOlderThan(orgId, version, now);
        store.deleteRetiredBefore(orgId, now.minus(grace));
        return new PublicKey(added.version(), RsaOaep.pem(added.publicKey()), added.createdAt());
    }

    private SealingKeys.Stored add(UUID orgId, int version, KeyPair pair) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            SealingKeys.Stored s = new SealingKeys.Stored(orgId, version, pair.getPublic().getEncoded(),
                    keys.wrapUnderOrganization(orgId, context(orgId, version), pkcs8), clock.instant(), Optional.empty());
            store.insert(s);
            return s;
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Opens a value sealed to the organization's public key: {@code encryptedValue} = base64(RSA-OAEP-256(value)),
     * or, with {@code encryptedKey} for values too long for RSA, base64(RSA-OAEP-256(AES-256 key)) and
     * {@code encryptedValue} = base64(12-byte IV ‖ AES-256-GCM(value) ‖ tag). Every failure gives the same
     * 400, whatever went wrong (no padding oracle).
     */
    public SecretValue open(UUID orgId, String field, String encryptedValue, String encryptedKey) {
        byte[] sealed = decode(encryptedValue, field);
        byte[] wrappedKey = encryptedKey == null ? null : decode(encryptedKey, field);
        Instant now = clock.instant();
        for (SealingKeys.Stored k : store.all(orgId)) {
            if (k.retiredAt().isPresent() && !k.retiredAt().get().plus(grace).isAfter(now)) {
                continue;
            }
            PrivateKey privateKey = privateKey(orgId, k);
            Optional<byte[]> plain = wrappedKey == null
                    ? RsaOaep.decrypt(privateKey, sealed)
                    : RsaOaep.decrypt(privateKey, wrappedKey).flatMap(aes -> SealedBundle.openPayload(aes, sealed));
            if (plain.isPresent()) {
                byte[] bytes = plain.get();
                try {
                    return SecretValue.ofUtf8(field, bytes);
                } catch (Rejection notUtf8OrTooLong) {
                    Arrays.fill(bytes, (byte) 0);
                    throw notUtf8OrTooLong;
                }
            }
        }
        throw failed(field);
    }

    private PrivateKey privateKey(UUID orgId, SealingKeys.Stored k) {
        byte[] pkcs8 = keys.unwrapUnderOrganization(orgId, context(orgId, k.version()), k.privateWrapped(), "seal:" + orgId + ":" + k.version());
        try {
            return RsaOaep.privateKey(pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static byte[] decode(String b64, String field) {
        if (b64 == null || b64.isBlank()) {
            throw Rejection.invalid(field, "is required");
        }
        if (b64.length() > 200_000) {
            throw Rejection.invalid(field, "is too long");
        }
        try {
            return Base64.getDecoder().decode(b64.replaceAll("[\\r\\n\\t ]", ""));
        } catch (IllegalArgumentException e) {
            throw failed(field);
        }
    }

    private static Rejection failed(String field) {
        return new Rejection(Rejection.Kind.INVALID, OPEN_FAILED,
                "The sealed value could not be opened. Seal it with RSA-OAEP (SHA-256, MGF1-SHA-256) to the organization's current "
                        + "public key and send it in standard base64.", List.of(new Rejection.FieldError(field, "could not be opened")));
    }

    static byte[] context(UUID orgId, int version) {
        return ("hush/org-sealing-key/v1|" + orgId + "|" + version).getBytes(StandardCharsets.US_ASCII);
    }
}
