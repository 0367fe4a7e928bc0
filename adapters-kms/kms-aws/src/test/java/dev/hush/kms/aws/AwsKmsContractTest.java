package dev.hush.kms.aws;

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

/** The aws provider, with the real AWS SDK v2 client (SigV4, JSON 1.1, retries), against a KMS stand-in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsKmsContractTest extends RootKeyContract {
    AwsKmsStandIn kms;
    String arn;

    @BeforeAll
    void start() {
        // The SDK's default credentials chain reads these system properties first.
        System.setProperty("aws.accessKeyId", AwsKmsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsKmsStandIn.SECRET_KEY);
        kms = new AwsKmsStandIn();
        arn = kms.createKey("hush-root");
        kms.createKey("other");
    }

    @AfterAll
    void stop() { kms.close(); }

    RootKey open(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("key-id", "alias/hush-root", "region", "eu-west-1", "endpoint", kms.endpoint()));
        props.putAll(extra);
        return new AwsKmsProvider().open(new ProviderConfig(props, Path.of(".")));
    }

    @Override
    protected RootKey openRootKey() { return open(Map.of()); }

    @Override
    protected RootKey openOtherRootKey() { return open(Map.of("key-id", "alias/other")); }

    @Override
    protected void takeBackendDown() { kms.down(); }

    @Override
    protected void bringBackendUp() { kms.up(); }

    @Test
    void wrappedKey_recordsTheArnOfTheKeyThatAnswered_andTheContextTravelsAsEncryptionContext() {
        try (RootKey key = openRootKey()) {
            WrappedKey w = key.wrap(new byte[32], "hush/org-kek/v1|org".getBytes());
            assertThat(w.keyId()).isEqualTo("aws:alias/hush-root");
            assertThat(w.keyVersion()).isEqualTo(arn);
            assertThat(AwsKmsRootKey.encryptionContext("hush/org-kek/v1|org".getBytes())).containsEntry("hush:context", "hush/org-kek/v1|org");
            assertThat(AwsKmsRootKey.encryptionContext(new byte[] {0, 1})).containsKey("hush:context-b64");
            // A wrap claiming another answering key is refused, even if KMS would open it.
            WrappedKey forged = new WrappedKey(w.keyId(), "arn:aws:kms:eu-west-1:111122223333:key/other", w.ciphertext());
            assertThatThrownBy(() -> key.unwrap(forged, "hush/org-kek/v1|org".getBytes())).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.INTEGRITY));
        }
    }

    @Test
    void anAliasMovedToANewKey_stillUnwrapsWhatTheOldKeyWrapped() {
        kms.createKey("moving");
        try (RootKey key = open(Map.of("key-id", "alias/moving"))) {
            byte[] ctx = "org-1".getBytes();
            WrappedKey before = key.wrap(new byte[32], ctx);
            String newArn = kms.repointAlias("moving");
            assertThat(key.unwrap(before, ctx)).hasSize(32);
            assertThat(key.wrap(new byte[32], ctx).keyVersion()).isEqualTo(newArn);
        }
    }

    @Test
    void kmsErrorAnswers_mapToTheRightKinds() {
        try (RootKey key = openRootKey()) {
            for (var c : Map.of("ThrottlingException", KmsException.Kind.THROTTLED, "KMSInternalException", KmsException.Kind.UNAVAILABLE,
                    "AccessDeniedException", KmsException.Kind.ACCESS_DENIED, "DisabledException", KmsException.Kind.KEY_NOT_FOUND).entrySet()) {
                kms.answerEverythingWith(c.getKey());
                assertThatThrownBy(() -> key.wrap(new byte[32], new byte[0])).as(c.getKey()).isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.kind()).isEqualTo(c.getValue()));
            }
        } finally {
            kms.answerEverythingWith(null);
        }
        try (RootKey missing = open(Map.of("key-id", "alias/none"))) {
            assertThatThrownBy(missing::probe).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.KEY_NOT_FOUND));
        }
    }

    @Test
    void open_validatesConfiguration_withoutContactingKms() {
        int before = kms.requests.get();
        openRootKey().close();
        assertThat(kms.requests.get()).isEqualTo(before);
        assertThatThrownBy(() -> open(Map.of("region", "moon"))).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.MISCONFIGURED));
    }
}
