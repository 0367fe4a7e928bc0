package dev.hush.application.auth;

import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.application.tenant.CreateOrganization;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.User;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Registers an account with a personal organization it owns, and logs it in. The first account of a
 * fresh instance, and any address listed as an admin address, is a platform admin.
 */
public final class RegisterUser {
    private final dev.hush.application.audit.Audit audit;
    private final Users users;
    private final CreateOrganization createOrganization;
    private final Authenticate authenticate;
    private final PasswordHasher hasher;
    private final Transactions tx;
    private final Clock clock;
    private final Set<String> adminEmails;

    public RegisterUser(Users users, CreateOrganization createOrganization, Authenticate authenticate, PasswordHasher hasher,
                        Transactions tx, Clock clock, Set<String> adminEmails, dev.hush.application.audit.Audit audit) {
        this.audit = audit;
        this.users = users;
        this.createOrganization = createOrganization;
        this.authenticate = authenticate;
        this.hasher = hasher;
        this.tx = tx;
        this.clock = clock;
        this.adminEmails = adminEmails;
    }

    public record Registered(User user, Organization org, String sessionCookie) {
        @Override
        public String toString() { return "Registered[" + user + "]"; }
    }

    public Registered register(String rawEmail, String password, String rawName, Client client) {
        String email = User.normalizeEmail(rawEmail);
        PasswordHasher.checkPolicy(password);
        String name = rawName == null || rawName.isBlank() ? email.substring(0, email.indexOf('@')) : rawName.strip();
        if (name.length() > 200) {
            throw Rejection.invalid("name", "must be at most 200 characters");
        }
        // Hash outside the transaction: ~30 ms of CPU that need not hold a connection.
        String hash = hasher.hash(password.toCharArray());
        var prepared = createOrganization.prepare();
        for (int attempt = 1; ; attempt++) {
            try {
                return registerOnce(email, name, hash, client, prepared);
            } catch (Rejection r) {
                // A concurrent registration took the personal org's slug first: pick another on retry.
                if (r.kind() != Rejection.Kind.CONFLICT || !"conflict".equals(r.code()) || attempt == 3) {
                    throw r;
                }
            }
        }
    }

    private Registered registerOnce(String email, String name, String hash, Client client,
                                    dev.hush.application.sealed.OrgKeyPairs.Prepared prepared) {
        return tx.write(() -> {
            if (users.byEmail(email).isPresent()) {
                throw Rejection.conflict("email_taken", "An account with this e-mail address already exists.");
            }
            boolean admin = users.count() == 0 || adminEmails.contains(email);
            User user = new User(UUID.randomUUID(), email, name, hash, admin, clock.instant());
            users.insert(user);
            Organization org = createOrganization.create(user.id(), Slug.derive(email.substring(0, email.indexOf('@'))),
                    name + "'s organization", true, prepared);
            audit.recordWithin(org.id(), java.util.Optional.of(user.id()), client, "org.created", "org/" + org.slug(), "personal organization");
            audit.recordWithin(dev.hush.domain.audit.AuditEvent.PLATFORM, java.util.Optional.of(user.id()), client, "user.registered",
                    "user/" + user.id(), admin ? "platform admin" : null);
            return new Registered(user, org, authenticate.startSession(user.id()));
        });
    }
}
