package dev.hush.bootstrap;

import dev.hush.application.audit.Audit;
import dev.hush.application.audit.ReadAudit;
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
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.keys.RotateProjectKey;
import dev.hush.application.keys.RotateRootKey;
import dev.hush.application.member.ManageOrganizations;
import dev.hush.application.member.Membership;
import dev.hush.application.metrics.MetricsSummary;
import dev.hush.application.metrics.RequestRecorder;
import dev.hush.application.plan.AdminConsole;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.BillingStatus;
import dev.hush.application.plan.ManageBilling;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.AuditLog;
import dev.hush.application.port.Billing;
import dev.hush.application.port.BillingAccounts;
import dev.hush.application.port.CliAuthRequests;
import dev.hush.application.port.Credentials;
import dev.hush.application.port.ExchangeKeys;
import dev.hush.application.port.KeyRotations;
import dev.hush.application.port.LoginFailures;
import dev.hush.application.port.Mailer;
import dev.hush.application.port.Invites;
import dev.hush.application.port.Members;
import dev.hush.application.port.OrganizationKeys;
import dev.hush.application.port.OrganizationSecrets;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.Plans;
import dev.hush.application.port.Projects;
import dev.hush.application.port.RateLimits;
import dev.hush.application.port.RequestMetrics;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.SealingKeys;
import dev.hush.application.port.SecretOverrides;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.UsageCounts;
import dev.hush.application.port.Users;
import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import dev.hush.application.project.AddEnvironment;
import dev.hush.application.project.CreateProject;
import dev.hush.application.project.DefaultProject;
import dev.hush.application.project.DeleteProject;
import dev.hush.application.project.ListProjects;
import dev.hush.application.project.Templates;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.sealed.OrgPublicKey;
import dev.hush.application.sealed.RetrieveSealed;
import dev.hush.application.sealed.WorkspaceSecrets;
import dev.hush.application.secret.BulkImportSecrets;
import dev.hush.application.secret.DeleteSecrets;
import dev.hush.application.secret.ListSecretKeys;
import dev.hush.application.secret.PromoteSecrets;
import dev.hush.application.secret.PullSecrets;
import dev.hush.application.secret.SecretHistory;
import dev.hush.application.secret.SetSecret;
import dev.hush.application.tenant.CreateOrganization;
import dev.hush.application.tenant.Tenancy;
import dev.hush.application.webhook.DeliverWebhooks;
import dev.hush.application.webhook.ManageWebhooks;
import dev.hush.application.webhook.UrlGuard;
import dev.hush.application.webhook.WebhookOutbox;
import dev.hush.billing.NoBilling;
import dev.hush.billing.stripe.StripeBilling;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.User;
import dev.hush.domain.plan.Plan;
import dev.hush.web.support.PublicUrl;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Wires the framework-free use cases to their adapters. */
@Factory
final class HushFactory {

    @Singleton
    Clock clock() { return Clock.systemUTC(); }

    /** Opened at start-up (eagerly), so a wrong or missing root key stops the server before it serves anything. */
    @Context
    @Bean(preDestroy = "close")
    SpiRootKeys rootKeys(Environment environment, @Value("${hush.kms.provider:local}") String provider,
                         @Value("${hush.data-dir}") String dataDir, @Value("${hush.kms.startup-check:true}") boolean startupCheck,
                         @Value("${hush.kms.allow-create:false}") boolean allowCreate, Transactions tx, OrganizationKeys organizationKeys) {
        var stored = tx.read(organizationKeys::rootKeyIds);
        // The local key file is created only for an empty instance (or as the target of `hush kms migrate`):
        // a missing key must never be replaced silently.
        Map<String, String> overrides = "local".equals(provider) && !stored.isEmpty() && !allowCreate ? Map.of("create", "false") : Map.of();
        var rootKey = RootKeyProviders.open(provider, environment, Path.of(dataDir), overrides);
        if (startupCheck) {
            RootKeyCheck.verify(rootKey.keyId(), stored);
        }
        return new SpiRootKeys(rootKey);
    }

    @Singleton
    KeyHierarchy keyHierarchy(RootKeys rootKeys, OrganizationKeys organizationKeys, Projects projects, Clock clock,
                              @Value("${hush.key-cache.max-entries:10000}") int maxEntries, @Value("${hush.key-cache.ttl:5m}") Duration ttl) {
        return new KeyHierarchy(rootKeys, organizationKeys, projects, clock, maxEntries, ttl);
    }

    @Singleton
    SecretCipher secretCipher(KeyHierarchy keys) { return new SecretCipher(keys); }

    @Singleton
    Audit audit(AuditLog log, Transactions tx, Clock clock) {
        return new Audit(log, tx, clock);
    }

    @Singleton
    ReadAudit readAudit(Tenancy tenancy, AuditLog log, Transactions tx) {
        return new ReadAudit(tenancy, log, tx);
    }

    @Singleton
    Templates templates(Tenancy tenancy, ApiUsage usage, Projects projects, Secrets secrets, Transactions tx, Clock clock,
                                                     Audit audit) {
        return new Templates(tenancy, usage, projects, secrets, tx, clock, audit);
    }

    @Singleton
    PasswordHasher passwordHasher() { return new PasswordHasher(); }

    @Singleton
    Tenancy tenancy(Organizations organizations, Projects projects) {
        return new Tenancy(organizations, projects);
    }

    @Singleton
    ApiUsage apiUsage(UsageCounts counts, PlanPolicy policy, Transactions tx,
                                                Clock clock, @Value("${hush.plans.usage-refresh:10s}") Duration refresh) {
        return new ApiUsage(counts, policy, tx, clock, refresh);
    }

    @Singleton
    Authenticate authenticate(Credentials credentials, Users users, Transactions tx, Clock clock, @Value("${hush.admin-emails:}") String adminEmails) {
        return new Authenticate(credentials, users, tx, clock, adminEmailSet(adminEmails));
    }

    static Set<String> adminEmailSet(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(User::normalizeEmail).collect(Collectors.toSet());
    }

    @Singleton
    RotateRootKey rotateRootKey(OrganizationKeys organizationKeys, Transactions tx, Audit audit) {
        return new RotateRootKey(organizationKeys, tx, audit);
    }

    @Singleton
    RotateProjectKey rotateProjectKey(Tenancy tenancy, ApiUsage usage, KeyRotations rotations, KeyHierarchy keys,
                                                                SecretCipher cipher, Transactions tx, Clock clock,
                                                                @Value("${hush.key-rotation.retire-after:1m}") Duration retireAfter,
                                                                Audit audit) {
        return new RotateProjectKey(tenancy, usage, rotations, keys, cipher, tx, clock, retireAfter, audit);
    }

    @Singleton
    PlanPolicy planPolicy(Plans plans, UsageCounts counts, @Value("${hush.billing.provider:none}") String billing) {
        if (!billing.equals("none") && !billing.equals("stripe")) {
            throw new IllegalStateException("HUSH_BILLING_PROVIDER must be none or stripe, not '" + billing + "'");
        }
        return new PlanPolicy(plans, counts, !"none".equals(billing));
    }

    /** Eager: a Stripe configuration without its key or webhook secret stops the server at start, not at the first request. */
    @Context
    Billing billing(@Value("${hush.billing.provider:none}") String provider, Environment env) {
        if (!"stripe".equals(provider)) {
            return new NoBilling();
        }
        java.util.Map<Plan, String> prices = new java.util.EnumMap<>(Plan.class);
        for (Plan p : Plan.values()) {
            env.getProperty("hush.stripe.price." + p.wire(), String.class).filter(v -> !v.isBlank()).ifPresent(v -> prices.put(p, v));
        }
        java.util.List<String> secrets = Arrays.stream(env.getProperty("hush.stripe.webhook-secret", String.class).orElse("").split(","))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
        return new StripeBilling(env.getProperty("hush.stripe.api-key", String.class).orElse(null),
                env.getProperty("hush.stripe.api-base", String.class).filter(v -> !v.isBlank()), secrets, prices);
    }

    @Singleton
    ManageBilling manageBilling(Tenancy tenancy, Plans plans, BillingAccounts accounts, Billing billing,
                                                          Transactions tx, Clock clock, PublicUrl publicUrl,
                                                          Audit audit, ApiUsage usage) {
        return new ManageBilling(tenancy, plans, accounts, billing, tx, clock, publicUrl, audit, usage);
    }

    @Singleton
    RequestRecorder requestRecorder(RequestMetrics store, Transactions tx, Clock clock) {
        return new RequestRecorder(store, tx, clock);
    }

    @Singleton
    MetricsSummary metricsSummary(RequestMetrics store,
                                                               RequestRecorder recorder, Transactions tx, Clock clock) {
        return new MetricsSummary(store, recorder, tx, clock);
    }

    @Singleton
    AdminConsole adminConsole(Plans plans, PlanPolicy policy,
                                                        Transactions tx, Clock clock, Audit audit,
                                                        ApiUsage usage) {
        return new AdminConsole(plans, policy, tx, clock, audit, usage);
    }

    @Singleton
    BillingStatus billingStatus(Tenancy tenancy, Plans plans,
                                                          PlanPolicy policy, Transactions tx,
                                                          ApiUsage usage) {
        return new BillingStatus(tenancy, plans, policy, tx, usage);
    }

    @Singleton
    /** HUSH_WEBHOOKS_ALLOW, named like the other webhook settings; HUSH_WEBHOOK_ALLOW, its first name, is still read. */
    UrlGuard urlGuard(Environment environment) {
        return new UrlGuard(environment.getProperty("hush.webhooks.allow", String.class)
                .or(() -> environment.getProperty("hush.webhook.allow", String.class)).orElse(""));
    }

    @Singleton
    WebhookOutbox webhookOutbox(Webhooks webhooks, WebhookDeliveries outbox, Clock clock) {
        return new WebhookOutbox(webhooks, outbox, clock);
    }

    @Singleton
    DeliverWebhooks deliverWebhooks(Webhooks webhooks, WebhookDeliveries outbox, KeyHierarchy keys,
                                                                 UrlGuard guard, Transactions tx, Clock clock,
                                                                 @Value("${hush.webhooks.backoff:10s}") Duration backoff,
                                                                 @Value("${hush.webhooks.max-attempts:6}") int maxAttempts,
                                                                 @Value("${hush.webhooks.deadline:15s}") Duration deadline) {
        return new DeliverWebhooks(webhooks, outbox, keys, guard, new HttpWebhookSender(deadline), tx, clock, backoff, maxAttempts, deadline);
    }

    @Singleton
    ManageWebhooks manageWebhooks(Tenancy tenancy, Webhooks webhooks, WebhookDeliveries outbox, KeyHierarchy keys,
                                                               UrlGuard guard,
                                                               DeliverWebhooks deliver, Transactions tx, Clock clock,
                                                               PlanPolicy limits, Audit audit) {
        return new ManageWebhooks(tenancy, webhooks, outbox, keys, guard, deliver, tx, clock, limits, audit);
    }

    @Singleton
    OrgKeyPairs orgKeyPairs(SealingKeys store, KeyHierarchy keys, Clock clock, @Value("${hush.sealing.rotation-grace:24h}") Duration grace) {
        return new OrgKeyPairs(store, keys, clock, grace);
    }

    @Singleton
    OrgPublicKey orgPublicKey(Tenancy tenancy, ApiUsage usage, OrgKeyPairs keyPairs, Transactions tx, Audit audit) {
        return new OrgPublicKey(tenancy, usage, keyPairs, tx, audit);
    }

    @Singleton
    RetrieveSealed retrieveSealed(PullSecrets pull) { return new RetrieveSealed(pull); }

    @Singleton
    DefaultProject defaultProject(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx, CreateProject create) {
        return new DefaultProject(tenancy, usage, projects, tx, create);
    }

    @Singleton
    WorkspaceSecrets workspaceSecrets(Tenancy tenancy, ApiUsage usage, Projects projects, Secrets secrets, OrganizationSecrets orgSecrets, SecretOverrides overrides, SecretCipher cipher,
                                      KeyHierarchy keys, ExchangeKeys exchangeKeys, RateLimits rateLimits, SetSecret setSecret, Transactions tx,
                                      Clock clock, @Value("${hush.poliglot.value-reads-per-hour:100}") int readsPerHour,
                                      Audit audit) {
        return new WorkspaceSecrets(tenancy, usage, projects, secrets, orgSecrets, overrides, cipher, keys, exchangeKeys, rateLimits, setSecret, tx, clock,
                readsPerHour, audit);
    }

    @Singleton
    CreateOrganization createOrganization(Organizations organizations, Members members, OrgKeyPairs keyPairs, Clock clock) {
        return new CreateOrganization(organizations, members, keyPairs, clock);
    }

    @Singleton
    RegisterUser registerUser(Users users, CreateOrganization createOrganization, Authenticate authenticate, PasswordHasher hasher,
                              Transactions tx, Clock clock, RateLimits rateLimits,
                              @Value("${hush.register.per-address-per-hour:20}") int perAddressPerHour, OrgPublicKey orgPublicKey,
                              Audit audit) {
        // One background thread makes new organizations' RSA key pairs after sign-up; a pair not made here (a
        // burst past the queue's 1000, a restart) is made on first use instead.
        java.util.concurrent.Executor keygen = background("org-key-pairs", 1000, "a new organization's key pair will be made on first use");
        java.util.function.Consumer<java.util.UUID> afterRegistration = orgId -> keygen.execute(() -> orgPublicKey.ensure(orgId));
        return new RegisterUser(users, createOrganization, authenticate, hasher, tx, clock, rateLimits, perAddressPerHour, afterRegistration, audit);
    }

    @Singleton
    LogIn logIn(LoginFailures failures, Clock clock, Users users, Authenticate authenticate, PasswordHasher hasher, Transactions tx, Audit audit) {
        return new LogIn(users, authenticate, hasher, tx, audit, new LoginThrottle(failures, tx, clock, "login"));
    }

    @Singleton
    ChangePassword changePassword(Users users, Credentials credentials, Authenticate authenticate,
                                                            PasswordHasher hasher, Transactions tx, Audit audit) {
        return new ChangePassword(users, credentials, authenticate, hasher, tx, audit);
    }

    @Singleton
    AccountRecovery accountRecovery(Users users, Credentials credentials, Mailer mailer,
                                                              PasswordHasher hasher, LoginFailures failures, Transactions tx,
                                                              Clock clock, Audit audit,
                                                              PublicUrl publicUrl) {
        return new AccountRecovery(users, credentials, mailer, hasher,
                new LoginThrottle(failures, tx, clock, "forgot"), tx, clock, audit, publicUrl, mailQueue());
    }

    /** Password-reset mails leave from one background thread, so a request for a known address answers as fast as for an unknown one. */
    private static java.util.concurrent.Executor mailQueue() {
        return background("mail-queue", 10_000, "a password-reset mail was not sent");
    }

    /**
     * One daemon thread with a bounded queue: a task past {@code capacity} is dropped with a warning (so a
     * flood cannot grow memory), and a failing task is logged by its code, never its message.
     */
    private static java.util.concurrent.Executor background(String name, int capacity, String whenLost) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.hush.bootstrap.Background." + name);
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(capacity), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                }, (task, executor) -> log.warn("Queue full: {}", whenLost));
        return task -> pool.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Failed ({}): {}", e instanceof Rejection r ? r.code() : e.getClass().getSimpleName(), whenLost);
            }
        });
    }

    @Singleton
    CliHandoff cliHandoff(CliAuthRequests requests, Users users, CreateToken createToken,
                                                    Transactions tx, Clock clock, Audit audit,
                                                    LoginFailures failures) {
        return new CliHandoff(requests, users, createToken, tx, clock, audit,
                new LoginThrottle(failures, tx, clock, "cli-approve"));
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

    @Singleton
    Mailer mailer(@Value("${hush.data-dir}") String dataDir, @Value("${hush.mail.from:hush@localhost}") String from,
                                            @Value("${hush.mail.provider:outbox}") String provider, Environment env) {
        return switch (provider) {
            case "outbox" -> new OutboxMailer(Path.of(dataDir).resolve("outbox"), from);
            case "smtp" -> new SmtpMailer(env.getRequiredProperty("hush.smtp.host", String.class), env.getProperty("hush.smtp.port", Integer.class, 587),
                    env.getProperty("hush.smtp.username", String.class, ""), env.getProperty("hush.smtp.password", String.class, ""),
                    env.getProperty("hush.smtp.starttls", Boolean.class, true), from);
            default -> throw new IllegalStateException("hush.mail.provider must be outbox or smtp, not '" + provider + "'");
        };
    }

    @Singleton
    Membership membership(Tenancy tenancy, Organizations organizations, Members members, Invites invites, Users users,
                                                      Mailer mailer, Transactions tx, Clock clock,
                                                      PublicUrl publicUrl, Audit audit, PlanPolicy limits) {
        return new Membership(tenancy, organizations, members, invites, users, mailer, tx, clock, publicUrl, limits, audit);
    }

    @Singleton
    ManageOrganizations manageOrganizations(Tenancy tenancy, Organizations organizations,
                                                                        CreateOrganization createOrganization, KeyHierarchy keys, Transactions tx, Audit audit) {
        return new ManageOrganizations(tenancy, organizations, createOrganization, keys, tx, audit);
    }

    @Singleton
    CreateProject createProject(Tenancy tenancy, ApiUsage usage, Projects projects, KeyHierarchy keys, Transactions tx, Clock clock, Audit audit, PlanPolicy limits) {
        return new CreateProject(tenancy, usage, projects, keys, tx, clock, limits, audit);
    }

    @Singleton
    ListProjects listProjects(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx) { return new ListProjects(tenancy, usage, projects, tx); }

    @Singleton
    DeleteProject deleteProject(Tenancy tenancy, ApiUsage usage, Projects projects, KeyHierarchy keys, Transactions tx, Audit audit) {
        return new DeleteProject(tenancy, usage, projects, keys, tx, audit);
    }

    @Singleton
    AddEnvironment addEnvironment(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx, Audit audit, PlanPolicy limits) { return new AddEnvironment(tenancy, usage, projects, tx, limits, audit); }

    @Singleton
    SetSecret setSecret(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, OrgKeyPairs keyPairs, Transactions tx, Clock clock,
                        Audit audit, PlanPolicy limits, WebhookOutbox outbox) {
        return new SetSecret(tenancy, usage, secrets, cipher, keyPairs, tx, clock, limits, outbox, audit);
    }

    @Singleton
    PullSecrets pullSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit) {
        return new PullSecrets(tenancy, usage, secrets, cipher, tx, clock, audit);
    }

    @Singleton
    ListSecretKeys listSecretKeys(Tenancy tenancy, ApiUsage usage, Secrets secrets, Transactions tx) { return new ListSecretKeys(tenancy, usage, secrets, tx); }

    @Singleton
    SecretHistory secretHistory(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit) {
        return new SecretHistory(tenancy, usage, secrets, cipher, tx, clock, audit);
    }

    @Singleton
    BulkImportSecrets bulkImportSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, OrgKeyPairs keyPairs, Transactions tx, Clock clock,
                                        Audit audit, PlanPolicy limits, WebhookOutbox outbox) {
        return new BulkImportSecrets(tenancy, usage, secrets, cipher, keyPairs, tx, clock, limits, outbox, audit);
    }

    @Singleton
    PromoteSecrets promoteSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit, PlanPolicy limits, WebhookOutbox outbox) {
        return new PromoteSecrets(tenancy, usage, secrets, cipher, tx, clock, limits, outbox, audit);
    }

    @Singleton
    DeleteSecrets deleteSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, Transactions tx, Clock clock, Audit audit, WebhookOutbox outbox) {
        return new DeleteSecrets(tenancy, usage, secrets, tx, clock, outbox, audit);
    }
}
