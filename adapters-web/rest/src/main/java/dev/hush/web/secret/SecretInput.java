package dev.hush.web.secret;

import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.crypto.X25519SealedValue;
import dev.hush.application.secret.SetSecret;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Description;
import dev.hush.domain.secret.PurposeType;
import dev.hush.application.secret.SecretChange;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.Tags;
import dev.hush.web.support.RequestLists;
import java.util.List;
import java.util.Optional;

/**
 * One mapping from a request's secret fields to a change, for the single PUT and every bulk entry alike:
 * the value is sealed when {@code sealed} is true or any sealed field ({@code encryptedValue},
 * {@code encryptedKey}, {@code algorithm}, {@code ephemeralPublicKey}) is present, and then {@code encryptedValue}
 * is required and {@code value} absent. The X25519 form ({@code algorithm} {@value X25519SealedValue#ALGORITHM},
 * or an {@code ephemeralPublicKey}) needs {@code ephemeralPublicKey} and takes no {@code encryptedKey}; without
 * either the form is RSA-OAEP ({@code algorithm} absent or {@value RsaOaep#ALGORITHM}).
 * Field names in errors carry {@code prefix} ({@code ""} for PUT, {@code "secrets[3]."} in a bulk).
 */
record SecretInput(SecretChange change, Optional<SetSecret.Sealed> sealed) {

    static SecretInput of(String prefix, String key, String value, List<String> tags, String purposeType, String description,
                          String encryptedValue, String encryptedKey, Boolean sealedFlag, String algorithm, String ephemeralPublicKey) {
        boolean sealed = Boolean.TRUE.equals(sealedFlag) || encryptedValue != null || encryptedKey != null || algorithm != null
                || ephemeralPublicKey != null;
        if (algorithm != null && !algorithm.equals(RsaOaep.ALGORITHM) && !algorithm.equals(X25519SealedValue.ALGORITHM)) {
            throw Rejection.invalid(prefix + "algorithm", "must be " + X25519SealedValue.ALGORITHM + " or " + RsaOaep.ALGORITHM);
        }
        boolean x25519 = X25519SealedValue.ALGORITHM.equals(algorithm) || ephemeralPublicKey != null && algorithm == null;
        if (!x25519 && ephemeralPublicKey != null) {
            throw Rejection.invalid(prefix + "ephemeralPublicKey", "must be absent with " + RsaOaep.ALGORITHM);
        }
        if (x25519 && encryptedKey != null) {
            throw Rejection.invalid(prefix + "encryptedKey", "must be absent with " + X25519SealedValue.ALGORITHM);
        }
        if (x25519 && ephemeralPublicKey == null) {
            throw Rejection.invalid(prefix + "ephemeralPublicKey", "is required with " + X25519SealedValue.ALGORITHM);
        }
        if (sealed && value != null) {
            throw Rejection.invalid(prefix + "value", "must be absent when the value is sent sealed (encryptedValue)");
        }
        if (sealed && encryptedValue == null) {
            throw Rejection.invalid(prefix + "encryptedValue", "is required with a sealed value (sealed: true, encryptedKey or ephemeralPublicKey)");
        }
        SecretChange change = new SecretChange(SecretKey.of(prefix + "key", key),
                Optional.ofNullable(value).map(v -> SecretValue.of(prefix + "value", v)),
                Optional.ofNullable(RequestLists.noNulls(prefix + "tags", tags)).map(t -> Tags.of(prefix + "tags", t)),
                Optional.ofNullable(purposeType).map(p -> PurposeType.parse(prefix + "purposeType", p)),
                Optional.ofNullable(Description.check(prefix + "description", description)));
        return new SecretInput(change, !sealed ? Optional.empty()
                : Optional.of(x25519 ? SetSecret.Sealed.x25519(ephemeralPublicKey, encryptedValue) : new SetSecret.Sealed(encryptedValue, encryptedKey)));
    }

    @Override
    public String toString() { return "SecretInput[" + change.key() + "]"; }
}
