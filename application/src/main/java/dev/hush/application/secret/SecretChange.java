package dev.hush.application.secret;

import dev.hush.domain.secret.PurposeType;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.Tags;
import java.util.Optional;

/**
 * One requested change to one secret. An absent value defines the secret (or updates its metadata)
 * without touching its value; absent metadata keeps what the secret has.
 */
public record SecretChange(SecretKey key, Optional<SecretValue> value, Optional<Tags> tags,
                           Optional<PurposeType> purposeType, Optional<String> description) {
    /** What the domain needs to decide: the metadata, and whether a value is sent. */
    public dev.hush.domain.secret.SecretUpdate update() {
        return new dev.hush.domain.secret.SecretUpdate(tags, purposeType, description, value.isPresent());
    }

    @Override
    public String toString() { return "SecretChange[" + key + "]"; }
}
