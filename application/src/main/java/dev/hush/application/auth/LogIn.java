package dev.hush.application.auth;

import dev.hush.application.audit.Audit;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.User;
import dev.hush.domain.audit.AuditEvent;
import java.util.Optional;

/** Checks e-mail and password and opens a new session. Unknown accounts cost the same time and get the same answer. */
public final class LogIn {
    private final Audit audit;
    private final Users users;
    private final Authenticate authenticate;
    private final PasswordHasher hasher;
    private final Transactions tx;

    private final LoginThrottle throttle;

    public LogIn(Users users, Authenticate authenticate, PasswordHasher hasher, Transactions tx, Audit audit, LoginThrottle throttle) {
        this.throttle = throttle;
        this.audit = audit;
        this.users = users;
        this.authenticate = authenticate;
        this.hasher = hasher;
        this.tx = tx;
    }

    public record LoggedIn(User user, String sessionCookie) {
        @Override
        public String toString() { return "LoggedIn[" + user + "]"; }
    }

    public LoggedIn logIn(String rawEmail, String password, Client client) {
        if (password == null || password.length() > 1024) {
            throw invalidCredentials();
        }
        String email;
        try {
            email = User.normalizeEmail(rawEmail);
        } catch (Rejection malformed) {
            hasher.verifyDummy(password.toCharArray());
            throw invalidCredentials();
        }
        throttle.check(email, client);
        Optional<User> user = tx.read(() -> users.byEmail(email));
        boolean ok = user.isPresent()
                ? hasher.verify(password.toCharArray(), user.get().passwordHash())
                : hasher.verifyDummy(password.toCharArray());
        if (!ok) {
            // Recorded in a transaction of its own: the refusal itself changes nothing.
            audit.recordAlone(AuditEvent.PLATFORM, user.map(User::id), client, "auth.login", "user/" + email, "failure", null);
            throttle.failed(email, client);
            throw invalidCredentials();
        }
        throttle.succeeded(email, client);
        return tx.write(() -> {
            audit.recordWithin(AuditEvent.PLATFORM, java.util.Optional.of(user.get().id()), client, "auth.login",
                    "user/" + email, null);
            return new LoggedIn(user.get(), authenticate.startSession(user.get().id()));
        });
    }

    private static Rejection invalidCredentials() {
        return new Rejection(Rejection.Kind.UNAUTHENTICATED, "invalid_credentials", "E-mail or password is wrong.");
    }
}
