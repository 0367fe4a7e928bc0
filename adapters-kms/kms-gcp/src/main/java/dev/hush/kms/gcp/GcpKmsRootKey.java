package dev.hush.kms.gcp;

import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.kms.v1.DecryptRequest;
import com.google.cloud.kms.v1.DecryptResponse;
import com.google.cloud.kms.v1.EncryptRequest;
import com.google.cloud.kms.v1.EncryptResponse;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;

/**
 * A symmetric ({@code ENCRYPT_DECRYPT}) Cloud KMS crypto key, used through {@link KeyManagementServiceClient}.
 *
 * <p>Contracts: the key id is the configured crypto key name (without a version); the wrapped form is
 * Google's ciphertext, unchanged, and the key version is the {@code cryptoKeyVersions} id that Google
 * reports for the encryption. The context is sent as {@code additional_authenticated_data}. Requests
 * carry CRC32C checksums and responses are checked against them, as Google recommends. Every call gives
 * up within {@link #TOTAL_TIMEOUT} (at most {@link #MAX_ATTEMPTS} attempts on {@code UNAVAILABLE} or
 * {@code DEADLINE_EXCEEDED}), so an outage shows as a retryable {@link KmsException} in seconds, not
 * minutes. Only {@link KmsException} leaves this class; messages name the key and the gRPC status, never
 * key material.
 */
final class GcpKmsRootKey implements RootKey {
    static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RPC_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_ATTEMPTS = 3;
    private static final byte[] PROBE_PLAINTEXT = new byte[16];
    private static final byte[] PROBE_CONTEXT = "hush/kms-probe".getBytes(StandardCharsets.US_ASCII);

    private final String keyName;
    private final KeyManagementServiceClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the client; no request is sent. {@code settings} decides transport and credentials (tests
     * pass an in-process channel); apply {@link #withTimeouts} to its builder for the documented limits.
     *
     * @throws KmsException {@code MISCONFIGURED} when the client cannot be built (for example no
     *                      Application Default Credentials)
     */
    GcpKmsRootKey(String keyName, KeyManagementServiceSettings settings) {
        this.keyName = keyName;
        try {
            this.client = KeyManagementServiceClient.create(settings);
        } catch (IOException | RuntimeException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED,
                    "cannot create the Cloud KMS client for " + keyName + ": " + describe(e), e);
        }
    }

    /** Bounds retries and deadlines of the calls this class makes: Encrypt, Decrypt and GetCryptoKey. */
    static KeyManagementServiceSettings.Builder withTimeouts(KeyManagementServiceSettings.Builder builder) {
        RetrySettings retry = RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(100))
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(Duration.ofSeconds(1))
                .setInitialRpcTimeoutDuration(RPC_TIMEOUT)
                .setRpcTimeoutMultiplier(1.0)
                .setMaxRpcTimeoutDuration(RPC_TIMEOUT)
                .setTotalTimeoutDuration(TOTAL_TIMEOUT)
                .setMaxAttempts(MAX_ATTEMPTS)
                .build();
        for (UnaryCallSettings.Builder<?, ?> call : java.util.List.<UnaryCallSettings.Builder<?, ?>>of(
                builder.encryptSettings(), builder.decryptSettings(), builder.getCryptoKeySettings())) {
            call.setRetryableCodes(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED).setRetrySettings(retry);
        }
        return builder;
    }

    @Override
    public String keyId() { return keyName; }

    @Override
    public WrappedKey wrap(byte[] keyMaterial, byte[] context) {
        ensureOpen();
        EncryptResponse response;
        try {
            response = encrypt(keyMaterial, context);
        } catch (RuntimeException e) {
            throw map("encrypt", e, false);
        }
        byte[] ciphertext = response.getCiphertext().toByteArray();
        if (!response.getVerifiedPlaintextCrc32C() || !response.getVerifiedAdditionalAuthenticatedDataCrc32C()
                || !response.hasCiphertextCrc32C() || response.getCiphertextCrc32C().getValue() != crc32c(ciphertext)) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE,
                    "Cloud KMS encrypt on " + keyName + " failed its CRC32C check (corrupted in transit); retry");
        }
        return new WrappedKey(keyName, versionOf(response.getName()), ciphertext);
    }

    private EncryptResponse encrypt(byte[] plaintext, byte[] context) {
        return client.encrypt(EncryptRequest.newBuilder()
                .setName(keyName)
                .setPlaintext(ByteString.copyFrom(plaintext))
                .setPlaintextCrc32C(crc(plaintext))
                .setAdditionalAuthenticatedData(ByteString.copyFrom(context))
                .setAdditionalAuthenticatedDataCrc32C(crc(context))
                .build());
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        ensureOpen();
        if (!keyName.equals(wrapped.keyId())) {
            throw KmsException.integrity();
        }
        byte[] ciphertext = wrapped.ciphertext();
        if (ciphertext.length == 0) {
            throw KmsException.integrity();
        }
        DecryptResponse response;
        try {
            response = client.decrypt(DecryptRequest.newBuilder()
                    .setName(keyName)
                    .setCiphertext(ByteString.copyFrom(ciphertext))
                    .setCiphertextCrc32C(crc(ciphertext))
                    .setAdditionalAuthenticatedData(ByteString.copyFrom(context))
                    .setAdditionalAuthenticatedDataCrc32C(crc(context))
                    .build());
        } catch (RuntimeException e) {
            throw map("decrypt", e, true);
        }
        byte[] plaintext = response.getPlaintext().toByteArray();
        if (!response.hasPlaintextCrc32C() || response.getPlaintextCrc32C().getValue() != crc32c(plaintext)) {
            Arrays.fill(plaintext, (byte) 0);
            throw new KmsException(KmsException.Kind.UNAVAILABLE,
                    "Cloud KMS decrypt on " + keyName + " failed its CRC32C check (corrupted in transit); retry");
        }
        return plaintext;
    }

    /**
     * Encrypts a fixed block of zeros: proves reachability, credentials, key state and purpose with the
     * permission Hush needs anyway ({@code cryptoKeyVersions.useToEncrypt}). {@code GetCryptoKey} would
     * need {@code cryptoKeys.get}, which the encrypter/decrypter role does not grant.
     */
    @Override
    public void probe() {
        ensureOpen();
        try {
            encrypt(PROBE_PLAINTEXT, PROBE_CONTEXT);
        } catch (RuntimeException e) {
            throw map("probe (encrypt)", e, false);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // closing is best effort; nothing to report to the caller
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "root key " + keyName + " is closed");
        }
    }

    /**
     * Maps a client failure. {@code INVALID_ARGUMENT} on decrypt is Google's answer to a ciphertext that
     * does not open (tampered, truncated, another key's, wrong AAD): {@code INTEGRITY}. On encrypt it can
     * only mean a request the key cannot serve (wrong purpose, oversized): {@code MISCONFIGURED}.
     */
    private KmsException map(String operation, RuntimeException e, boolean decrypting) {
        if (e instanceof KmsException k) {
            return k;
        }
        if (!(e instanceof ApiException api)) {
            return new KmsException(KmsException.Kind.UNAVAILABLE,
                    "Cloud KMS " + operation + " on " + keyName + " failed: " + e.getClass().getSimpleName(), e);
        }
        StatusCode.Code code = api.getStatusCode().getCode();
        KmsException.Kind kind = switch (code) {
            case INVALID_ARGUMENT -> decrypting ? KmsException.Kind.INTEGRITY : KmsException.Kind.MISCONFIGURED;
            case RESOURCE_EXHAUSTED -> KmsException.Kind.THROTTLED;
            case PERMISSION_DENIED, UNAUTHENTICATED -> KmsException.Kind.ACCESS_DENIED;
            case NOT_FOUND, FAILED_PRECONDITION -> KmsException.Kind.KEY_NOT_FOUND;
            case UNIMPLEMENTED -> KmsException.Kind.MISCONFIGURED;
            default -> KmsException.Kind.UNAVAILABLE; // UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, ABORTED, CANCELLED, UNKNOWN, ...
        };
        if (kind == KmsException.Kind.INTEGRITY) {
            return new KmsException(kind, null, null); // fixed message, no server detail, no cause
        }
        return new KmsException(kind, "Cloud KMS " + operation + " on " + keyName + " failed: " + code + " "
                + describe(api), e);
    }

    /** The last path segment of {@code projects/.../cryptoKeyVersions/N}, or "1" when Google sent none. */
    static String versionOf(String versionName) {
        int slash = versionName.lastIndexOf('/');
        String id = slash < 0 ? "" : versionName.substring(slash + 1);
        return versionName.contains("/cryptoKeyVersions/") && !id.isBlank() ? id : "1";
    }

    private static String describe(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    static long crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return crc.getValue();
    }

    private static Int64Value crc(byte[] data) { return Int64Value.of(crc32c(data)); }

    @Override
    public String toString() { return "GcpKmsRootKey[" + keyName + "]"; }
}
