package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.AccountRecovery;
import dev.hush.application.auth.Authenticate;
import dev.hush.application.auth.ChangePassword;
import dev.hush.application.auth.CliHandoff;
import dev.hush.application.auth.CreateToken;
import dev.hush.application.auth.LogIn;
import dev.hush.application.auth.LoginThrottle;
import dev.hush.application.auth.ManageTokens;
import dev.hush.application.auth.PasswordHasher;
import dev.hush.application.auth.RegisterUser;
import dev.hush.application.auth.WhoAmI;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.CliAuthRequests;
import dev.hush.application.port.Credentials;
import dev.hush.application.port.LoginFailures;
import dev.hush.application.port.Mailer;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.RateLimits;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.application.sealed.OrgPublicKey;
import dev.hush.application.tenant.CreateOrganization;
import dev.hush.application.tenant.Tenancy;
import dev.hush.web.support.PublicUrl;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Accounts and credentials: sign-up, log-in (throttled), passwords, recovery, the CLI handoff, tokens. */
@Factory
final class AuthWiring {
    @Singleton
    PasswordHasher passwordHasher() { return new PasswordHasher(); }

    @Singleton
    Authenticate authenticate(Credentials credentials, Users users, Transactions tx, Clock clock, CoreSettings core,
                              dev.hush.application.port.CredentialChanges changes) {
        return new Authenticate(credentials, users, tx, clock, core.adminEmailSet(), changes);
    }

    @Singleton
    RegisterUser registerUser(Users users, CreateOrganization createOrganization, Authenticate authenticate, PasswordHasher hasher,
                              Transactions tx, Clock clock, RateLimits rateLimits, LimitSettings.Register register,
                              OrgPublicKey orgPublicKey, Audit audit) {
        // One background thread makes new organizations' RSA key pairs after sign-up; a pair not made here (a
        // burst past the queue's 1000, a restart) is made on first use instead.
        Executor keygen = Background.queue("org-key-pairs", 1000, "a new organization's key pair will be made on first use");
        Consumer<UUID> afterRegistration = orgId -> keygen.execute(() -> orgPublicKey.ensure(orgId));
        return new RegisterUser(users, createOrganization, authenticate, hasher, tx, clock, rateLimits, register.perAddressPerHour(),
                afterRegistration, audit);
    }

    @Singleton
    LogIn logIn(LoginFailures failures, Clock clock, Users users, Authenticate authenticate, PasswordHasher hasher, Transactions tx,
                Audit audit) {
        return new LogIn(users, authenticate, hasher, tx, audit, new LoginThrottle(failures, tx, clock, "login"));
    }

    @Singleton
    ChangePassword changePassword(Users users, Credentials credentials, Authenticate authenticate, PasswordHasher hasher,
                                  Transactions tx, Audit audit) {
        return new ChangePassword(users, credentials, authenticate, hasher, tx, audit);
    }

    /** Password-reset mails leave from one background thread, so a request for a known address answers as fast as for an unknown one. */
    @Singleton
    AccountRecovery accountRecovery(Users users, Credentials credentials, Mailer mailer, PasswordHasher hasher, LoginFailures failures,
                                    Transactions tx, Clock clock, Audit audit, PublicUrl publicUrl) {
        return new AccountRecovery(users, credentials, mailer, hasher, new LoginThrottle(failures, tx, clock, "forgot"), tx, clock, audit,
                publicUrl, Background.queue("mail-queue", 10_000, "a password-reset mail was not sent"));
    }

    @Singleton
    CliHandoff cliHandoff(CliAuthRequests requests, Users users, CreateToken createToken, Transactions tx, Clock clock, Audit audit,
                          LoginFailures failures) {
        return new CliHandoff(requests, users, createToken, tx, clock, audit, new LoginThrottle(failures, tx, clock, "cli-approve"));
    }

    @Singleton
    WhoAmI whoAmI(Organizations organizations, Transactions tx) { return new WhoAmI(organizations, tx); }

    @Singleton
    CreateToken createToken(Credentials credentials, Tenancy tenancy, Transactions tx, Clock clock, Audit audit, PlanPolicy limits) {
        return new CreateToken(credentials, tenancy, tx, clock, limits, audit);
    }

    @Singleton
    ManageTokens manageTokens(Credentials credentials, Transactions tx, Clock clock, Audit audit) {
        return new ManageTokens(credentials, tx, clock, audit);
    }
}
