package dev.hush.bootstrap.kms;

import dev.hush.kms.aws.AwsKmsStandIn;
import java.util.Map;

/** The KMS "done when" with {@code hush.kms.provider=aws} against the AWS KMS stand-in (real SDK client). */
class AwsProviderEndToEndTest extends KmsProviderEndToEndContract {
    AwsKmsStandIn kms;

    @Override
    void startKms() {
        System.setProperty("aws.accessKeyId", AwsKmsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsKmsStandIn.SECRET_KEY);
        kms = new AwsKmsStandIn();
        kms.createKey("hush-root");
    }

    @Override
    void stopKms() { kms.close(); }

    @Override
    Map<String, Object> kmsProperties() {
        return Map.of("hush.kms.provider", "aws", "hush.kms.aws.key-id", "alias/hush-root", "hush.kms.aws.region", "eu-west-1",
                "hush.kms.aws.endpoint", kms.endpoint());
    }

    @Override
    String expectedKeyId() { return "aws:alias/hush-root"; }

    @Override
    void kmsDown() { kms.down(); }

    @Override
    void kmsUp() { kms.up(); }

    /** AWS rotates key material behind the same ARN; old ciphertexts keep opening. Nothing to do in the stand-in. */
    @Override
    void rotateInKms() {}
}
