package dev.hush.kms.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import dev.hush.kms.tck.RootKeyContract;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The vault provider, with the real vault-java-driver, against a Transit stand-in: the contract kit and Vault's own answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultTransitContractTest extends RootKeyContract {
    VaultTransitStandIn vault;

    @BeforeAll
    void start() {
        vault = new VaultTransitStandIn("s.test-token");
        vault.createKey("transit", "hush-root");
        vault.createKey("transit", "other");
    }

    @AfterAll
    void stop() { vault.close(); }

    RootKey open(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("address", vault.address(), "token", "s.test-token", "key-name", "hush-root",
                "timeout-seconds", "2"));
        props.putAll(extra);
        return new VaultTransitProvider().open(new ProviderConfig(props, Path.of(".")));
    }

    @Override
    protected RootKey openRootKey() { return open(Map.of()); }

    @Override
    protected RootKey openOtherRootKey() { return open(Map.of("key-name", "other")); }

    @Override
    protected void takeBackendDown() { vault.down(); }

    @Override
    protected void bringBackendUp() { vault.up(); }

    @Test
    void wrappedKey_recordsTheTransitVersion_andOldVersionsStillOpenAfterRotation() {
        vault.createKey("transit", "rotating");
        try (RootKey key = open(Map.of("key-name", "rotating"))) {
            byte[] ctx = "org-1".getBytes();
            WrappedKey v1 = key.wrap(new byte[32], ctx);
            assertThat(v1.keyVersion()).isEqualTo("1");
            assertThat(new String(v1.ciphertext())).startsWith("vault:v1:");
            vault.rotate("transit", "rotating");
            WrappedKey v2 = key.wrap(new byte[32], ctx);
            assertThat(v2.keyVersion()).isEqualTo("2");
            assertThat(key.unwrap(v1, ctx)).hasSize(32);
            assertThat(key.keyId()).isEqualTo("vault:transit/rotating");
        }
    }

    @Test
    void vaultsErrorAnswers_mapToTheRightKinds() {
        try (RootKey key = openRootKey()) {
            WrappedKey w = key.wrap(new byte[32], new byte[0]);
            vault.answerEverythingWith(503);
            assertThatThrownBy(() -> key.unwrap(w, new byte[0])).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.UNAVAILABLE));
            vault.answerEverythingWith(429);
            assertThatThrownBy(() -> key.wrap(new byte[32], new byte[0])).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.THROTTLED));
        } finally {
            vault.answerEverythingWith(0);
        }
        try (RootKey badToken = open(Map.of("token", "s.wrong"))) {
            assertThatThrownBy(badToken::probe).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.ACCESS_DENIED));
        }
        try (RootKey missing = open(Map.of("key-name", "no-such-key"))) {
            assertThatThrownBy(missing::probe).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.KEY_NOT_FOUND));
        }
    }

    @Test
    void open_validatesConfiguration_withoutContactingVault() {
        int before = vault.requests.get();
        try (RootKey key = openRootKey()) {
            assertThat(key.keyId()).isEqualTo("vault:transit/hush-root");
        }
        assertThat(vault.requests.get()).isEqualTo(before);
        assertThatThrownBy(() -> open(Map.of("address", "not a url"))).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.MISCONFIGURED));
        assertThatThrownBy(() -> open(Map.of("key-name", "../sys/seal"))).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.MISCONFIGURED));
    }
}
