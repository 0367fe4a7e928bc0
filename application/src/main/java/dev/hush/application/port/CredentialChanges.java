package dev.hush.application.port;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Changes to API tokens and users committed by any node (this one included), as they are committed: what a
 * node's cache of credentials must forget at once. The stores announce them themselves, in the transaction of
 * the change (a revoked token, a verified e-mail address, a deleted organization and its tokens).
 */
public interface CredentialChanges {
    /** Calls {@code listener} for each change; a change naming neither token nor user means "forget everything". */
    void subscribe(Consumer<Change> listener);

    /** Whether changes are heard now; while they are not (the feed is being re-established), caches must not be used. */
    boolean live();

    record Change(Optional<UUID> token, Optional<UUID> user) {
        public static final Change EVERYTHING = new Change(Optional.empty(), Optional.empty());
    }
}
