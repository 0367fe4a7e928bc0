package dev.hush.kms.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import dev.hush.kms.tck.RootKeyContract;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Cloud KMS provider, with the official client, against an in-process stand-in: the contract and GCP specifics. */
class GcpKmsRootKeyTest extends RootKeyContract {
    static final String KEY = "projects/hush-test/locations/global/keyRings/hush/cryptoKeys/root";
    static final String OTHER = "projects/hush-test/locations/global/keyRings/hush/cryptoKeys/other";
    static final String GOLDEN = "projects/hush-test/locations/global/keyRings/hush/cryptoKeys/golden";
    /**
     * Made once by the stand-in with version-1 key bytes 00..1f, plaintext 32 bytes of 0x42 and context
     * "golden-context": proves the provider stores Google's ciphertext as is, with no framing of its own.
     */
    static final String GOLDEN_CIPHERTEXT = "00000001a752a220e9d3b89b908381c53d47d915657cd7f50dabc8bae9a7868edef8f6650f9835fe17b884dbd353c22246a6228e55bce90df9185c4cd7565ba4";
    private static final AtomicInteger NAMES = new AtomicInteger();

    static FakeKeyManagementService kms;
    private final List<RootKey> mine = new ArrayList<>();
    private final byte[] ctx = "org-1".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void startStandIn() {
        kms = FakeKeyManagementService.start();
        kms.createKey(KEY);
        kms.createKey(OTHER);
        byte[] goldenKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            goldenKey[i] = (byte) i;
        }
        kms.createKey(GOLDEN, goldenKey);
    }

    @AfterAll
    static void stopStandIn() {
        kms.close();
    }

    @AfterEach
    void resetStandIn() {
        kms.setUnavailable(false);
        kms.setThrottled(false);
        kms.failWith(null);
        mine.forEach(RootKey::close);
        mine.clear();
    }

    GcpKmsRootKey open(String keyName) {
        GcpKmsRootKey key = new GcpKmsRootKey(keyName, build(GcpKmsRootKey.withTimeouts(kms.settingsBuilder())));
        mine.add(key);
        return key;
    }

    private static com.google.cloud.kms.v1.KeyManagementServiceSettings build(
            com.google.cloud.kms.v1.KeyManagementServiceSettings.Builder builder) {
        try {
            return builder.build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected RootKey openRootKey() { return open(KEY); }

    @Override
    protected RootKey openOtherRootKey() { return open(OTHER); }

    @Override
    protected void takeBackendDown() { kms.setUnavailable(true); }

    @Override
    protected void bringBackendUp() { kms.setUnavailable(false); }

    @Override
    protected Optional<Golden> golden() {
        byte[] plaintext = new byte[32];
        java.util.Arrays.fill(plaintext, (byte) 0x42);
        return Optional.of(new Golden(new WrappedKey(GOLDEN, "1", HexFormat.of().parseHex(GOLDEN_CIPHERTEXT)),
                "golden-context".getBytes(StandardCharsets.US_ASCII), plaintext));
    }

    @Override
    protected RootKey openGoldenRootKey() { return open(GOLDEN); }

    static String freshKey() {
        return kms.createKey("projects/hush-test/locations/global/keyRings/hush/cryptoKeys/k" + NAMES.incrementAndGet());
    }

    static void assertKind(Runnable call, KmsException.Kind kind) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void rotation_recordsTheNewVersion_andOldWrapsStillUnwrap() {
        String name = freshKey();
        GcpKmsRootKey key = open(name);
        byte[] m1 = new byte[32];
        m1[0] = 1;
        WrappedKey before = key.wrap(m1, ctx);
        assertThat(before.keyId()).isEqualTo(name);
        assertThat(before.keyVersion()).isEqualTo("1");

        assertThat(kms.rotate(name)).isEqualTo(2);
        byte[] m2 = new byte[32];
        m2[0] = 2;
        WrappedKey after = key.wrap(m2, ctx);
        assertThat(after.keyVersion()).isEqualTo("2");
        assertThat(key.unwrap(before, ctx)).isEqualTo(m1);
        assertThat(key.unwrap(after, ctx)).isEqualTo(m2);
    }

    @Test
    void disabledVersion_isKeyNotFound() {
        String name = freshKey();
        GcpKmsRootKey key = open(name);
        WrappedKey w = key.wrap(new byte[32], ctx);
        kms.setEnabled(name, 1, false);
        assertKind(() -> key.unwrap(w, ctx), KmsException.Kind.KEY_NOT_FOUND);
        assertKind(() -> key.wrap(new byte[32], ctx), KmsException.Kind.KEY_NOT_FOUND);
        kms.setEnabled(name, 1, true);
        assertThat(key.unwrap(w, ctx)).isEqualTo(new byte[32]);
    }

    @Test
    void resourceExhausted_isRetryableThrottled() {
        GcpKmsRootKey key = open(KEY);
        WrappedKey w = key.wrap(new byte[32], ctx);
        kms.setThrottled(true);
        for (Runnable call : List.<Runnable>of(() -> key.wrap(new byte[32], ctx), () -> key.unwrap(w, ctx), key::probe)) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(KmsException.class, e -> {
                assertThat(e.kind()).isEqualTo(KmsException.Kind.THROTTLED);
                assertThat(e.retryable()).isTrue();
            });
        }
    }

    @Test
    void statusCodes_mapToKinds() {
        GcpKmsRootKey key = open(KEY);
        WrappedKey w = key.wrap(new byte[32], ctx);
        Map<Status, KmsException.Kind> expected = Map.of(
                Status.PERMISSION_DENIED, KmsException.Kind.ACCESS_DENIED,
                Status.UNAUTHENTICATED, KmsException.Kind.ACCESS_DENIED,
                Status.NOT_FOUND, KmsException.Kind.KEY_NOT_FOUND,
                Status.FAILED_PRECONDITION, KmsException.Kind.KEY_NOT_FOUND,
                Status.INTERNAL, KmsException.Kind.UNAVAILABLE,
                Status.DEADLINE_EXCEEDED, KmsException.Kind.UNAVAILABLE,
                Status.INVALID_ARGUMENT, KmsException.Kind.INTEGRITY);
        expected.forEach((status, kind) -> {
            kms.failWith(status.withDescription("forced"));
            assertKind(() -> key.unwrap(w, ctx), kind);
        });
        kms.failWith(null);
    }

    @Test
    void unknownKey_isKeyNotFound() {
        GcpKmsRootKey key = open("projects/hush-test/locations/global/keyRings/hush/cryptoKeys/missing");
        assertKind(key::probe, KmsException.Kind.KEY_NOT_FOUND);
        assertKind(() -> key.wrap(new byte[32], ctx), KmsException.Kind.KEY_NOT_FOUND);
    }

    @Test
    void anotherKeyName_failsIntegrity_withoutCallingTheServer() {
        GcpKmsRootKey key = open(KEY);
        WrappedKey w = key.wrap(new byte[32], ctx);
        long before = kms.calls();
        assertThatThrownBy(() -> key.unwrap(new WrappedKey(OTHER, w.keyVersion(), w.ciphertext()), ctx))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.INTEGRITY))
                .hasMessage("integrity check failed");
        assertKind(() -> key.unwrap(new WrappedKey(KEY, "1", new byte[0]), ctx), KmsException.Kind.INTEGRITY);
        assertThat(kms.calls()).isEqualTo(before);
    }

    @Test
    void closedKey_refusesWork() {
        GcpKmsRootKey key = open(KEY);
        key.close();
        key.close();
        assertKind(() -> key.wrap(new byte[32], ctx), KmsException.Kind.UNAVAILABLE);
    }

    @Test
    void provider_rejectsBadConfiguration() {
        GcpKmsProvider provider = new GcpKmsProvider();
        assertThat(provider.type()).isEqualTo("gcp");
        Path dir = Path.of("unused");
        for (String bad : List.of("root", "projects/p/locations/l/keyRings/r", KEY + "/cryptoKeyVersions/1",
                "projects//locations/l/keyRings/r/cryptoKeys/k", "https://cloudkms.googleapis.com/v1/" + KEY)) {
            assertKind(() -> provider.open(new ProviderConfig(Map.of("key-name", bad), dir)), KmsException.Kind.MISCONFIGURED);
        }
        assertKind(() -> provider.open(new ProviderConfig(Map.of("key-name", KEY, "endpoint", "https://kms.example:443"), dir)),
                KmsException.Kind.MISCONFIGURED);
        assertKind(() -> provider.open(new ProviderConfig(Map.of("key-name", KEY, "credentials-file", "/nonexistent/sa.json"), dir)),
                KmsException.Kind.MISCONFIGURED);
    }

    /**
     * With an endpoint nothing listens on and a well-formed (but fake) service account, open succeeds at
     * once: it builds the client and sends nothing. The stand-in is down and sees no request either.
     */
    @Test
    void open_doesNotContactTheBackend(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path sa = dir.resolve("sa.json");
        java.nio.file.Files.writeString(sa, fakeServiceAccountJson());
        kms.setUnavailable(true);
        long before = kms.calls();
        long start = System.nanoTime();
        RootKey key = new GcpKmsProvider().open(new ProviderConfig(
                Map.of("key-name", KEY, "endpoint", "127.0.0.1:1", "credentials-file", sa.toString()), dir));
        try {
            assertThat(key.keyId()).isEqualTo(KEY);
            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        } finally {
            key.close();
        }
        assertThat(kms.calls()).isEqualTo(before);
    }

    @Test
    void versionOf_readsTheLastPathSegment() {
        assertThat(GcpKmsRootKey.versionOf(KEY + "/cryptoKeyVersions/17")).isEqualTo("17");
        assertThat(GcpKmsRootKey.versionOf("")).isEqualTo("1");
        assertThat(GcpKmsRootKey.versionOf(KEY)).isEqualTo("1");
    }

    static String fakeServiceAccountJson() throws Exception {
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + java.util.Base64.getEncoder().encodeToString(gen.generateKeyPair().getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----\\n";
        return "{\"type\":\"service_account\",\"project_id\":\"hush-test\",\"private_key_id\":\"0\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"hush@hush-test.iam.gserviceaccount.com\","
                + "\"client_id\":\"1\",\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
    }
}
