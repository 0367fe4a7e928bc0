package dev.hush.kms.aws;

import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;

/**
 * {@code Encrypt}/{@code Decrypt} of the configured key. The wrapped key records the configured key as its
 * id and, as its version, the ARN of the key that answered; unwrap checks that the same key answers
 * (Tink's {@code AwsKmsAead} does the same). The context travels as encryption context
 * {@code {"hush:context": "<context>"}} (base64 under {@code hush:context-b64} when it is not printable).
 */
final class AwsKmsRootKey implements RootKey {
    private final KmsClient kms;
    private final String keyId;
    private volatile boolean closed;

    AwsKmsRootKey(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String keyId() { return "aws:" + keyId; }

    @Override
    public WrappedKey wrap(byte[] keyMaterial, byte[] context) {
        check();
        EncryptResponse r = call(() -> kms.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromByteArray(keyMaterial))
                .encryptionContext(encryptionContext(context))));
        if (r.ciphertextBlob() == null || r.keyId() == null) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "AWS KMS answered Encrypt without a ciphertext");
        }
        return new WrappedKey(keyId(), r.keyId(), r.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        check();
        byte[] blob = wrapped.ciphertext();
        if (!keyId().equals(wrapped.keyId()) || blob.length == 0) {
            throw KmsException.integrity();
        }
        // The ARN that wrapped it, not the configured id: an alias moved to a new key must not orphan old wraps.
        DecryptResponse r = call(() -> kms.decrypt(b -> b.keyId(wrapped.keyVersion()).ciphertextBlob(SdkBytes.fromByteArray(blob))
                .encryptionContext(encryptionContext(context))));
        if (r.plaintext() == null || !wrapped.keyVersion().equals(r.keyId())) {
            // Another key answered than the one that wrapped: never accept it.
            throw KmsException.integrity();
        }
        return r.plaintext().asByteArray();
    }

    /** {@code DescribeKey}: reachable, authorized, and the key is enabled. */
    @Override
    public void probe() {
        check();
        var r = call(() -> kms.describeKey(b -> b.keyId(keyId)));
        if (r.keyMetadata() == null || !Boolean.TRUE.equals(r.keyMetadata().enabled())) {
            throw new KmsException(KmsException.Kind.KEY_NOT_FOUND, "the AWS KMS key is not enabled");
        }
    }

    static Map<String, String> encryptionContext(byte[] context) {
        if (context.length == 0) {
            return Map.of();
        }
        boolean printable = true;
        for (byte b : context) {
            printable &= b >= 0x20 && b < 0x7f;
        }
        return printable ? Map.of("hush:context", new String(context, StandardCharsets.US_ASCII))
                : Map.of("hush:context-b64", Base64.getEncoder().encodeToString(context));
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw translate(e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode(), e.statusCode(), e);
        } catch (SdkException e) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "AWS KMS cannot be reached: " + e.getClass().getSimpleName(), e);
        } catch (RuntimeException e) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "AWS KMS call failed: " + e.getClass().getSimpleName(), e);
        }
    }

    static KmsException translate(String code, int status, Throwable cause) {
        String c = code == null ? "" : code;
        return switch (c) {
            case "InvalidCiphertextException", "IncorrectKeyException" -> KmsException.integrity();
            case "NotFoundException", "DisabledException", "KMSInvalidStateException", "KeyUnavailableException" ->
                    new KmsException(KmsException.Kind.KEY_NOT_FOUND, "AWS KMS: " + c, cause);
            case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
                 "IncompleteSignature", "InvalidClientTokenId" -> new KmsException(KmsException.Kind.ACCESS_DENIED, "AWS KMS: " + c, cause);
            case "ThrottlingException", "LimitExceededException", "RequestLimitExceeded", "TooManyRequestsException" ->
                    new KmsException(KmsException.Kind.THROTTLED, "AWS KMS: " + c, cause);
            case "KMSInternalException", "DependencyTimeoutException", "ServiceUnavailable", "InternalFailure" ->
                    new KmsException(KmsException.Kind.UNAVAILABLE, "AWS KMS: " + c, cause);
            default -> status == 429 ? new KmsException(KmsException.Kind.THROTTLED, "AWS KMS: HTTP 429", cause)
                    : status == 403 ? new KmsException(KmsException.Kind.ACCESS_DENIED, "AWS KMS: HTTP 403", cause)
                    : status >= 500 || status == 0 ? new KmsException(KmsException.Kind.UNAVAILABLE, "AWS KMS: HTTP " + status, cause)
                    : new KmsException(KmsException.Kind.MISCONFIGURED, "AWS KMS rejected the request: " + c + " (HTTP " + status + ")", cause);
        };
    }

    private void check() {
        if (closed) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "root key is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            kms.close();
        }
    }

    @Override
    public String toString() { return "AwsKmsRootKey[" + keyId + "]"; }
}
