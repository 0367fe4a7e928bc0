package dev.hush.application.auth;

import dev.hush.application.audit.Audit;
import dev.hush.application.port.Credentials;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.domain.Rejection;
import dev.hush.domain.audit.AuditEvent;

/**
 * Changes the caller's password after checking the current one, ends every session of the account
 * (stolen cookies stop working) and opens a fresh session for this client. API tokens are kept.
 */
public final class ChangePassword {
    private final Users users;
    private final Credentials credentials;
    private final Authenticate authenticate;
    private final PasswordHasher hasher;
    private final Transactions tx;
    private final Audit audit;

    public ChangePassword(Users users, Credentials credentials, Authenticate authenticate, PasswordHasher hasher, Transactions tx, Audit audit) {
        this.users = users;
        this.credentials = credentials;
        this.authenticate = authenticate;
        this.hasher = hasher;
        this.tx = tx;
        this.audit = audit;
    }

    /** Returns the new session's cookie value. */
    public String change(Caller caller, String currentPassword, String newPassword) {
        if (currentPassword == null || !hasher.verify(currentPassword.toCharArray(), caller.user().passwordHash())) {
            throw new Rejection(Rejection.Kind.FORBIDDEN, "invalid_credentials", "The current password is wrong.");
        }
        PasswordHasher.checkPolicy(newPassword);
        String hash = hasher.hash(newPassword.toCharArray());
        return tx.write(() -> {
            users.updatePasswordHash(caller.userId(), hash);
            credentials.deleteSessionsOf(caller.userId());
            audit.record(AuditEvent.PLATFORM, caller, "auth.password_changed", "user/" + caller.userId(), "all sessions ended");
            return authenticate.startSession(caller.userId());
        });
    }
}
