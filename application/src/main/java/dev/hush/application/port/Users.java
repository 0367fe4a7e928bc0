package dev.hush.application.port;

import dev.hush.domain.access.User;
import java.util.Optional;
import java.util.UUID;

/** Stored user accounts. E-mail addresses are stored normalized (see {@link User#normalizeEmail}). */
public interface Users {
    Optional<User> byEmail(String normalizedEmail);

    Optional<User> byId(UUID id);

    void insert(User user);

    long count();

    void updatePasswordHash(UUID userId, String passwordHash);

    void markEmailVerified(UUID userId, java.time.Instant at);

    /** Whether the account's e-mail address has been verified. */
    boolean emailVerified(UUID userId);

    /**
     * Takes the one-time claim of being the instance's first account; a conflict rejection when another
     * account took it (also one whose transaction is still open: the insert waits for it).
     */
    void claimFirstAdmin(UUID userId);
}
