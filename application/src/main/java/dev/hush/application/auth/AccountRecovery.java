package dev.hush.application.auth;

import dev.hush.application.audit.Audit;
import dev.hush.application.port.Credentials;
import dev.hush.application.port.Mailer;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.User;
import dev.hush.domain.audit.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Forgot/reset password and e-mail verification, with single-use, expiring tokens mailed to the account's
 * address. Forgot-password answers the same whether or not the account exists, and is throttled like logins.
 */
public final class AccountRecovery {
    static final Duration RESET_LIFETIME = Duration.ofHours(1);
    static final Duration VERIFY_LIFETIME = Duration.ofDays(2);

    private final Users users;
    private final Credentials credentials;
    private final Mailer mailer;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Transactions tx;
    private final Clock clock;
    private final Audit audit;
    private final java.util.function.Supplier<String> publicUrl;
    private final java.util.concurrent.Executor queue;

    /**
     * {@code queue} runs the part of a password-reset request that depends on the account (look-up, token,
     * mail, audit), so the answer takes as long for a known address as for an unknown one.
     */
    public AccountRecovery(Users users, Credentials credentials, Mailer mailer, PasswordHasher hasher, LoginThrottle throttle,
                           Transactions tx, Clock clock, Audit audit, java.util.function.Supplier<String> publicUrl, java.util.concurrent.Executor queue) {
        this.queue = queue;
        this.users = users;
        this.credentials = credentials;
        this.mailer = mailer;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.publicUrl = publicUrl;
    }

    /**
     * Always returns normally for a well-formed address (the caller answers 202); a reset token is mailed, from
     * the queue, when the account exists. What the caller waits for is the same for every address.
     */
    public void forgot(String rawEmail, Client client) {
        String email = User.normalizeEmail(rawEmail);
        throttle.check(email, client);
        // Every request counts toward the limit, existing account or not, so the limit tells nothing either.
        throttle.failed(email, client);
        queue.execute(() -> mailResetToken(email, client));
    }

    private void mailResetToken(String email, Client client) {
        tx.write(() -> {
            Optional<User> user = users.byEmail(email);
            if (user.isPresent()) {
                String token = Secrets256.random();
                Instant now = clock.instant();
                credentials.insertAccountToken(Secrets256.digest(token), user.get().id(), "reset", now, now.plus(RESET_LIFETIME));
                mailer.send(new Mailer.Mail(email, "Reset your Hush password", "Someone asked to reset the password of this Hush account.\n"
                        + "If it was you, open this link within an hour and set a new password:\n\n  " + publicUrl.get() + "/reset-password?token="
                        + token + "\n\n"
                        + "Otherwise ignore this message.\n"));
                audit.recordWithin(AuditEvent.PLATFORM, Optional.of(user.get().id()), client, "auth.reset_requested", "user/" + user.get().id(), null);
            }
            return null;
        });
    }

    /** Sets a new password with a reset token and ends every session of the account. */
    public void reset(String token, String newPassword, Client client) {
        PasswordHasher.checkPolicy(newPassword);
        if (token == null || token.length() != 43) {
            throw invalidToken();
        }
        String hash = hasher.hash(newPassword.toCharArray());
        tx.write(() -> {
            UUID userId = credentials.useAccountToken(Secrets256.digest(token), "reset", clock.instant()).orElseThrow(AccountRecovery::invalidToken);
            users.updatePasswordHash(userId, hash);
            credentials.deleteSessionsOf(userId);
            audit.recordWithin(AuditEvent.PLATFORM, Optional.of(userId), client, "auth.password_reset", "user/" + userId, "all sessions ended");
            return null;
        });
    }

    public void sendVerification(Caller caller) {
        String token = Secrets256.random();
        tx.write(() -> {
            Instant now = clock.instant();
            credentials.insertAccountToken(Secrets256.digest(token), caller.userId(), "verify", now, now.plus(VERIFY_LIFETIME));
            mailer.send(new Mailer.Mail(caller.user().email(), "Verify your e-mail address for Hush", "Confirm this address by opening this link:\n\n  "
                    + publicUrl.get() + "/verify-email?token=" + token + "\n"));
            return null;
        });
    }

    public void verify(String token, Client client) {
        if (token == null || token.length() != 43) {
            throw invalidToken();
        }
        tx.write(() -> {
            UUID userId = credentials.useAccountToken(Secrets256.digest(token), "verify", clock.instant()).orElseThrow(AccountRecovery::invalidToken);
            users.markEmailVerified(userId, clock.instant());
            audit.recordWithin(AuditEvent.PLATFORM, Optional.of(userId), client, "auth.email_verified", "user/" + userId, null);
            return null;
        });
    }

    private static Rejection invalidToken() {
        return new Rejection(Rejection.Kind.INVALID, "invalid_token", "The token is unknown, used or expired.");
    }
}
