package dev.hush.application.sealed;

import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.crypto.SealedBundle;
import dev.hush.application.crypto.X25519Box;
import dev.hush.application.crypto.X25519SealedValue;
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
 * Each organization's key pair for sealed transport: an RSA pair (the Crate API and the first sealed form of
 * {@code /v1}) and, in the same version, an X25519 pair for sealed writes that cost the server a tenth of a
 * millisecond instead of an RSA decryption. Private keys exist in the database only wrapped by the
 * organization's KEK. After a rotation the replaced pairs still open sealed values for a grace period
 * (clients that fetched the public key just before), then they are deleted. A version made before X25519
 * sealed writes gets its X25519 half on first use ({@link #ensure}). Methods run inside the caller's
 * transaction.
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

    /**
     * The public halves of the organization's current pair: the RSA key in PEM and the raw X25519 key in
     * base64 (empty for a version made before X25519 sealed writes, until {@link #ensure}).
     */
    public record PublicKey(UUID orgId, int version, String pem, Optional<String> x25519PublicKey, Instant createdAt) {}

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
        return all.isEmpty() ? Optional.empty() : Optional.of(view(all.get(0)));
    }

    /**
     * The current public key with its X25519 half; an organization without a pair yet gets {@code prepared}
     * as its first, a current pair without an X25519 half gets one.
     */
    public PublicKey ensure(UUID orgId, Prepared prepared) {
        if (current(orgId).isEmpty()) {
            add(orgId, 1, prepared.pair());
        }
        return ensureX25519(orgId);
    }

    /**
     * The current public key with its X25519 half, which a pair made before X25519 sealed writes gets here
     * (an X25519 key pair costs microseconds: made inside the transaction). A concurrent caller's half, when
     * it came first, is the one kept. A conflict when the organization has no pair at all.
     */
    public PublicKey ensureX25519(UUID orgId) {
        SealingKeys.Stored current = store.all(orgId).stream().findFirst()
                .orElseThrow(() -> Rejection.conflict("conflict", "The organization's key pair is being made; try again."));
        if (current.x25519().isPresent()) {
            return view(current);
        }
        store.addX25519(orgId, current.version(), newX25519Half(orgId, current.version()));
        return current(orgId).orElseThrow();
    }

    private SealingKeys.X25519Half newX25519Half(UUID orgId, int version) {
        X25519Box.KeyPair pair = X25519Box.generate();
        try {
            return new SealingKeys.X25519Half(pair.publicKey(), keys.wrapUnderOrganization(orgId, x25519Context(orgId, version), pair.privateKey()));
        } finally {
            Arrays.fill(pair.privateKey(), (byte) 0);
        }
    }

    private static PublicKey view(SealingKeys.Stored s) {
        return new PublicKey(s.orgId(), s.version(), RsaOaep.pem(s.publicKey()),
                s.x25519().map(x -> Base64.getEncoder().encodeToString(x.publicKey())), s.createdAt());
    }

    /** A new pair becomes current; the others open sealed values for the grace period, older retired ones are deleted. */
    public PublicKey rotate(UUID orgId, Prepared prepared) {
        List<SealingKeys.Stored> all = store.all(orgId);
        int version = all.isEmpty() ? 1 : all.get(0).version() + 1;
        SealingKeys.Stored added = add(orgId, version, prepared.pair());
        Instant now = clock.instant();
        store.retireOlderThan(orgId, version, now);
        store.deleteRetiredBefore(orgId, now.minus(grace));
        return view(added);
    }

    /** A new version: the prepared RSA pair and a new X25519 pair. */
    private SealingKeys.Stored add(UUID orgId, int version, KeyPair pair) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            SealingKeys.Stored s = new SealingKeys.Stored(orgId, version, pair.getPublic().getEncoded(),
                    keys.wrapUnderOrganization(orgId, context(orgId, version), pkcs8), clock.instant(), Optional.empty(),
                    Optional.of(newX25519Half(orgId, version)));
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
                return utf8Value(field, plain.get());
            }
        }
        throw failed(field);
    }

    /**
     * Opens a value sealed to the organization's X25519 key ({@link X25519SealedValue}): {@code ephemeralPublicKey}
     * = base64 of the client's raw 32-byte ephemeral public key, {@code encryptedValue} = base64(12-byte nonce ‖
     * AES-256-GCM(value) ‖ tag), {@code associatedData} the place it is written to. The current pair's key and
     * those in their grace period are tried. Every failure to open gives the same 400; field names carry
     * {@code prefix} ({@code ""}, or {@code "secrets[3]."} in a bulk).
     */
    public SecretValue openX25519(UUID orgId, String prefix, String ephemeralPublicKey, String encryptedValue, byte[] associatedData) {
        String field = prefix + "encryptedValue";
        byte[] ephemeral = decodeEphemeral(prefix + "ephemeralPublicKey", ephemeralPublicKey);
        byte[] sealed = decode(encryptedValue, field);
        Instant now = clock.instant();
        for (SealingKeys.Stored k : store.all(orgId)) {
            if (k.x25519().isEmpty() || k.retiredAt().isPresent() && !k.retiredAt().get().plus(grace).isAfter(now)) {
                continue;
            }
            byte[] privateKey = keys.unwrapUnderOrganization(orgId, x25519Context(orgId, k.version()), k.x25519().get().privateWrapped(),
                    "seal-x25519:" + orgId + ":" + k.version());
            Optional<byte[]> plain;
            try {
                plain = X25519SealedValue.open(privateKey, k.x25519().get().publicKey(), ephemeral, sealed, associatedData);
            } finally {
                Arrays.fill(privateKey, (byte) 0);
            }
            if (plain.isPresent()) {
                return utf8Value(field, plain.get());
            }
        }
        throw new Rejection(Rejection.Kind.INVALID, OPEN_FAILED, "The sealed value could not be opened. Seal it with " + X25519SealedValue.ALGORITHM
                + " to the organization's current x25519PublicKey, with the associated data naming this organization, project, environment "
                + "and key (docs/api.md), and send it in standard base64.", List.of(new Rejection.FieldError(field, "could not be opened")));
    }

    /** A raw 32-byte X25519 public key in base64; a 400 naming {@code field} otherwise (low-order points just do not open). */
    private static byte[] decodeEphemeral(String field, String b64) {
        if (b64 == null || b64.isBlank()) {
            throw Rejection.invalid(field, "is required with an X25519 sealed value");
        }
        byte[] key;
        try {
            key = b64.length() > 64 ? new byte[0] : Base64.getDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != X25519Box.KEY_BYTES) {
            throw new Rejection(Rejection.Kind.INVALID, "invalid_public_key", "The public key is not usable: " + field
                    + " must be a raw X25519 public key (32 bytes, standard base64).",
                    List.of(new Rejection.FieldError(field, "must be a raw X25519 public key, 32 bytes of base64")));
        }
        return key;
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

    static byte[] x25519Context(UUID orgId, int version) {
        return ("hush/org-sealing-key/x25519/v1|" + orgId + "|" + version).getBytes(StandardCharsets.US_ASCII);
    }

    /** An opened value as text; the bytes are wiped when they are not valid UTF-8 or too long. */
    private static SecretValue utf8Value(String field, byte[] bytes) {
        try {
            return SecretValue.ofUtf8(field, bytes);
        } catch (Rejection notUtf8OrTooLong) {
            Arrays.fill(bytes, (byte) 0);
            throw notUtf8OrTooLong;
        }
    }
}
