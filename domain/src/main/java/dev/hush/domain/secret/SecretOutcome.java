package dev.hush.domain.secret;

/**
 * What a set does to a secret. {@link #secret()} is the secret as it is to be stored; when
 * {@link #storeValue()} the sent value becomes its next version ({@code secret().nextVersion()}).
 */
public sealed interface SecretOutcome {
    Secret secret();

    boolean storeValue();

    /** A secret defined for the first time, or a deleted one brought back. */
    record Created(Secret secret, boolean storeValue) implements SecretOutcome {}

    /** New metadata, a new value, or both. */
    record Updated(Secret secret, boolean storeValue) implements SecretOutcome {}

    /** Nothing to store: the set asked for what the secret already has. */
    record Unchanged(Secret secret) implements SecretOutcome {
        @Override
        public boolean storeValue() { return false; }
    }
}
