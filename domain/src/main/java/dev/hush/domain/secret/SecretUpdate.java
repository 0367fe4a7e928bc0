package dev.hush.domain.secret;

import java.util.Objects;
import java.util.Optional;

/**
 * What one set asks of a secret: absent metadata keeps what the secret has; {@code withValue} says whether a
 * value was sent (the value itself stays with the caller, who encrypts and stores it).
 */
public record SecretUpdate(Optional<Tags> tags, Optional<PurposeType> purposeType, Optional<String> description,
                           boolean withValue) {
    public SecretUpdate {
        Objects.requireNonNull(tags);
        Objects.requireNonNull(purposeType);
        Objects.requireNonNull(description);
    }
}
