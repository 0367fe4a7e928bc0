package dev.hush.web.secret;

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
 * the value is sealed when {@code sealed} is true or either sealed field ({@code encryptedValue},
 * {@code encryptedKey}) is present, and then {@code encryptedValue} is required and {@code value} absent.
 * Field names in errors carry {@code prefix} ({@code ""} for PUT, {@code "secrets[3]."} in a bulk).
 */
record SecretInput(SecretChange change, Optional<SetSecret.Sealed> sealed) {

    static SecretInput of(String prefix, String key, String value, List<String> tags, String purposeType, String description,
                          String encryptedValue, String encryptedKey, Boolean sealedFlag) {
        boolean sealed = Boolean.TRUE.equals(sealedFlag) || encryptedValue != null || encryptedKey != null;
        if (sealed && value != null) {
            throw Rejection.invalid(prefix + "value", "must be absent when the value is sent sealed (encryptedValue)");
        }
        if (sealed && encryptedValue == null) {
            throw Rejection.invalid(prefix + "encryptedValue", "is required with a sealed value (sealed: true, or encryptedKey)");
        }
        SecretChange change = new SecretChange(SecretKey.of(prefix + "key", key),
                Optional.ofNullable(value).map(v -> SecretValue.of(prefix + "value", v)),
                Optional.ofNullable(RequestLists.noNulls(prefix + "tags", tags)).map(t -> Tags.of(prefix + "tags", t)),
                Optional.ofNullable(purposeType).map(p -> PurposeType.parse(prefix + "purposeType", p)),
                Optional.ofNullable(Description.check(prefix + "description", description)));
        return new SecretInput(change, sealed ? Optional.of(new SetSecret.Sealed(encryptedValue, encryptedKey)) : Optional.empty());
    }

    @Override
    public String toString() { return "SecretInput[" + change.key() + "]"; }
}
