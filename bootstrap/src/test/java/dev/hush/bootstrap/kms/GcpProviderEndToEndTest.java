package dev.hush.bootstrap.kms;

import dev.hush.kms.gcp.FakeKeyManagementService;
import java.util.Map;

/** The KMS "done when" with {@code hush.kms.provider=gcp}: the real Cloud KMS client over gRPC to the stand-in. */
class GcpProviderEndToEndTest extends KmsProviderEndToEndContract {
    static final String KEY = "projects/hush-test/locations/europe-west1/keyRings/hush/cryptoKeys/root";
    FakeKeyManagementService kms;
    int port;

    @Override
    void startKms() {
        kms = FakeKeyManagementService.start();
        kms.createKey(KEY);
        port = kms.listenOnLocalPort();
    }

    @Override
    void stopKms() { kms.close(); }

    @Override
    Map<String, Object> kmsProperties() {
        return Map.of("hush.kms.provider", "gcp", "hush.kms.gcp.key-name", KEY, "hush.kms.gcp.endpoint", "127.0.0.1:" + port,
                "hush.kms.gcp.emulator", "true");
    }

    @Override
    String expectedKeyId() { return KEY; }

    @Override
    void kmsDown() { kms.setUnavailable(true); }

    @Override
    void kmsUp() { kms.setUnavailable(false); }

    @Override
    void rotateInKms() { kms.rotate(KEY); }
}
