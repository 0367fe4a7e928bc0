package dev.hush.application.auth;

import dev.hush.application.audit.Audit;
import dev.hush.application.port.RateLimits;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.secret.Retries;
import dev.hush.application.tenant.CreateOrganization;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.User;
import dev.hush.domain.audit.AuditEvent;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.time.Clock;
import java.util.UUID;

/**
 * Registers an account with a personal organization it owns, and logs it in. The first account of a
 * fresh instance is a platform admin (an address listed in HUSH_ADMIN_EMAILS becomes one only once it is
 * verified: see {@link Authenticate}).
 */
public final class RegisterUser {
    private final Audit audit;
    private final Users users;
    private final CreateOrganization createOrganization;
    private final Authenticate authenticate;
    private final PasswordHasher hasher;
    private final Transactions tx;
    private final Clock clock;
    private final RateLimits rateLimits;
    private final int perAddressPerHour;
    private final java.util.function.Consumer<UUID> afterRegistration;

    /**
     * {@code perAddressPerHour}: registrations one client address may make in a sliding hour (each costs an
     * Argon2id hash). {@code afterRegistration}: called with the new personal organization's id once it is
     * committed, to make its sealing key pair in the background.
     */
    public RegisterUser(Users users, CreateOrganization createOrganization, Authenticate authenticate, PasswordHasher hasher,
                        Transactions tx, Clock clock, RateLimits rateLimits, int perAddressPerHour,
                        java.util.function.Consumer<UUID> afterRegistration, Audit audit) {
        this.audit = audit;
        this.users = users;
        this.createOrganization = createOrganization;
        this.authenticate = authenticate;
        this.hasher = hasher;
        this.tx = tx;
        this.clock = clock;
        this.rateLimits = rateLimits;
        this.perAddressPerHour = perAddressPerHour;
        this.afterRegistration = afterRegistration;
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
        // Throttled per client address before any CPU is spent (shared by all nodes through the database).
        if (client.throttleKey() != null) {
            java.time.Duration window = java.time.Duration.ofHours(1);
            Retries.onConflict(() -> tx.write(() ->
                    rateLimits.tryAcquire("register:address:" + client.throttleKey(), perAddressPerHour, window, clock.instant())))
                    .ifPresent(wait -> {
                        throw Rejection.rateLimited(wait.toSeconds() + 1, "Too many registrations from this address; try again later.");
                    });
        }
        // Hash outside the transaction: ~30 ms of CPU that need not hold a connection. The organization's RSA
        // key pair is not made here (hundreds of milliseconds): afterRegistration makes it in the background.
        String hash = hasher.hash(password.toCharArray());
        for (int attempt = 1; ; attempt++) {
            try {
                Registered r = registerOnce(email, name, hash, client, null);
                afterRegistration.accept(r.org().id());
                return r;
            } catch (Rejection r) {
                // A concurrent registration took the personal org's slug first: pick another on retry.
                if (r.kind() != Rejection.Kind.CONFLICT || !"conflict".equals(r.code()) || attempt == 3) {
                    throw r;
                }
            }
        }
    }

    private Registered registerOnce(String email, String name, String hash, Client client,
                                    OrgKeyPairs.Prepared prepared) {
        return tx.write(() -> {
            if (users.byEmail(email).isPresent()) {
                throw Rejection.conflict("email_taken", "An account with this e-mail address already exists.");
            }
            // The first account is a platform admin; a listed address (HUSH_ADMIN_EMAILS) only once it is
            // verified (Authenticate), never by registering it. The claim row makes "first" hold under a race.
            boolean admin = users.count() == 0;
            User user = new User(UUID.randomUUID(), email, name, hash, admin, clock.instant());
            users.insert(user);
            if (admin) {
                users.claimFirstAdmin(user.id());
            }
            Organization org = createOrganization.create(user.id(), Slug.derive(email.substring(0, email.indexOf('@'))),
                    name + "'s organization", true, prepared);
            audit.recordWithin(org.id(), java.util.Optional.of(user.id()), client, "org.created", "org/" + org.slug(), "personal organization");
            audit.recordWithin(AuditEvent.PLATFORM, java.util.Optional.of(user.id()), client, "user.registered",
                    "user/" + user.id(), admin ? "platform admin" : null);
            return new Registered(user, org, authenticate.startSession(user.id()));
        });
    }
}
