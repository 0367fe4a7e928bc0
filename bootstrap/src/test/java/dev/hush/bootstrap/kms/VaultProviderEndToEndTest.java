package dev.hush.bootstrap.kms;

import dev.hush.kms.vault.VaultTransitStandIn;
import java.util.Map;

/** The KMS "done when" with {@code hush.kms.provider=vault} against the Transit stand-in. */
class VaultProviderEndToEndTest extends KmsProviderEndToEndContract {
    VaultTransitStandIn vault;

    @Override
    void startKms() {
        vault = new VaultTransitStandIn("s.e2e-token");
        vault.createKey("transit", "hush-root");
    }

    @Override
    void stopKms() { vault.close(); }

    @Override
    Map<String, Object> kmsProperties() {
        return Map.of("hush.kms.provider", "vault", "hush.kms.vault.address", vault.address(), "hush.kms.vault.token", "s.e2e-token",
                "hush.kms.vault.key-name", "hush-root", "hush.kms.vault.timeout-seconds", "2");
    }

    @Override
    String expectedKeyId() { return "vault:transit/hush-root"; }

    @Override
    void kmsDown() { vault.down(); }

    @Override
    void kmsUp() { vault.up(); }

    @Override
    void rotateInKms() { vault.rotate("transit", "hush-root"); }
}
