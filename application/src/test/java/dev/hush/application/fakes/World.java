package dev.hush.application.fakes;

import dev.hush.application.audit.Audit;
import dev.hush.application.audit.AuditGroupCommit;
import dev.hush.application.audit.ReadAudit;
import dev.hush.application.auth.AccountRecovery;
import dev.hush.application.auth.Authenticate;
import dev.hush.application.auth.Caller;
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
import dev.hush.application.project.AddEnvironment;
import dev.hush.application.project.CreateProject;
import dev.hush.application.project.DefaultProject;
import dev.hush.application.project.DeleteProject;
import dev.hush.application.project.ListProjects;
import dev.hush.application.project.ProjectView;
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
import dev.hush.application.secret.SecretChange;
import dev.hush.application.secret.SecretHistory;
import dev.hush.application.secret.SetSecret;
import dev.hush.application.tenant.CreateOrganization;
import dev.hush.application.tenant.Tenancy;
import dev.hush.application.webhook.DeliverWebhooks;
import dev.hush.application.webhook.ManageWebhooks;
import dev.hush.application.webhook.UrlGuard;
import dev.hush.application.webhook.WebhookOutbox;
import dev.hush.domain.access.Role;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.access.User;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every fake port, and every use case wired over them exactly as {@code bootstrap/HushFactory} wires
 * them (same constructors, the defaults of its settings), plus fixtures for tests. When a use case's
 * constructor changes, this is the one test file to change.
 */
public final class World {
    public static final String PUBLIC_URL = "https://hush.test";
    public static final String PASSWORD = "correct horse battery";

    // Argon2id is slow on purpose: one hasher and one hash of PASSWORD for the whole test run.
    public static final PasswordHasher HASHER = new PasswordHasher();
    private static volatile String passwordHash;
    private static volatile OrgKeyPairs.Prepared sharedPair;

    /** The PHC hash of {@link #PASSWORD}, made once. */
    public static String passwordHash() {
        if (passwordHash == null) {
            synchronized (World.class) {
                if (passwordHash == null) {
                    passwordHash = HASHER.hash(PASSWORD.toCharArray());
                }
            }
        }
        return passwordHash;
    }

    /** One RSA key pair for every test that needs an organization's sealing pair (generating one takes a while). */
    public static OrgKeyPairs.Prepared sharedPair() {
        if (sharedPair == null) {
            synchronized (World.class) {
                if (sharedPair == null) {
                    sharedPair = OrgKeyPairs.prepare();
                }
            }
        }
        return sharedPair;
    }

    /** Host names the webhook guard resolves: public ones, and one on a private network. */
    public static final Map<String, String> HOSTS = Map.of("hooks.example.com", "93.184.216.34", "intranet.example.com", "10.1.2.3");

    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    public final FakeTransactions tx = new FakeTransactions();
    public final InMemoryRootKeys rootKeys = new InMemoryRootKeys("test-root");
    public final InMemoryUsers users = new InMemoryUsers(tx);
    public final InMemoryEnvironmentFeed environmentFeed = new InMemoryEnvironmentFeed();
    public final InMemoryCredentials credentials = new InMemoryCredentials(tx);
    public final InMemoryOrganizations organizations = new InMemoryOrganizations(tx, this);
    public final InMemoryProjects projects = new InMemoryProjects(tx, this);
    public final InMemorySecrets secrets = new InMemorySecrets(tx, this);
    public final InMemorySecretOverrides overrides = new InMemorySecretOverrides(tx);
    public final InMemoryKeyRotations keyRotations = new InMemoryKeyRotations(tx, this);
    public final InMemoryAuditLog auditLog = new InMemoryAuditLog(tx, credentials);
    public final InMemoryPlans plans = new InMemoryPlans(tx, this);
    public final InMemoryWebhooks webhooks = new InMemoryWebhooks(tx);
    public final InMemorySealingKeys sealingKeys = new InMemorySealingKeys(tx);
    public final InMemoryExchangeKeys exchangeKeys = new InMemoryExchangeKeys(tx);
    public final InMemoryRateLimits rateLimits = new InMemoryRateLimits(tx);
    public final InMemoryLoginFailures loginFailures = new InMemoryLoginFailures(tx);
    public final InMemoryCliAuthRequests cliAuthRequests = new InMemoryCliAuthRequests(tx);
    public final InMemoryRequestMetrics requestMetrics = new InMemoryRequestMetrics(tx);
    public final FakeMailer mailer = new FakeMailer();
    public final FakeBilling billing = new FakeBilling();
    public final FakeWebhookSender sender = new FakeWebhookSender();
    /** What RegisterUser hands to the background key-pair maker (HushFactory queues OrgPublicKey.ensure). */
    public final List<UUID> afterRegistration = new CopyOnWriteArrayList<>();

    public final KeyHierarchy keys;
    public final SecretCipher cipher;
    public final Audit audit;
    public final ReadAudit readAudit;
    public final Templates templates;
    public final Tenancy tenancy;
    public final ApiUsage apiUsage;
    public final PlanPolicy planPolicy;
    public final Authenticate authenticate;
    public final RotateRootKey rotateRootKey;
    public final RotateProjectKey rotateProjectKey;
    public final ManageBilling manageBilling;
    public final RequestRecorder requestRecorder;
    public final MetricsSummary metricsSummary;
    public final AdminConsole adminConsole;
    public final BillingStatus billingStatus;
    public final UrlGuard urlGuard;
    public final WebhookOutbox webhookOutbox;
    public final DeliverWebhooks deliverWebhooks;
    public final ManageWebhooks manageWebhooks;
    public final OrgKeyPairs orgKeyPairs;
    public final OrgPublicKey orgPublicKey;
    public final RetrieveSealed retrieveSealed;
    public final DefaultProject defaultProject;
    public final WorkspaceSecrets workspaceSecrets;
    public final CreateOrganization createOrganization;
    public final RegisterUser registerUser;
    public final LogIn logIn;
    public final ChangePassword changePassword;
    public final AccountRecovery accountRecovery;
    public final CliHandoff cliHandoff;
    public final WhoAmI whoAmI;
    public final CreateToken createToken;
    public final ManageTokens manageTokens;
    public final Membership membership;
    public final ManageOrganizations manageOrganizations;
    public final CreateProject createProject;
    public final ListProjects listProjects;
    public final DeleteProject deleteProject;
    public final AddEnvironment addEnvironment;
    public final SetSecret setSecret;
    public final PullSecrets pullSecrets;
    public final ListSecretKeys listSecretKeys;
    public final SecretHistory secretHistory;
    public final dev.hush.application.secret.WatchEnvironment watchEnvironment;
    public final BulkImportSecrets bulkImportSecrets;
    public final PromoteSecrets promoteSecrets;
    public final dev.hush.application.secret.DiffEnvironments diffEnvironments;
    public final DeleteSecrets deleteSecrets;

    /** Self-hosted: {@code HUSH_BILLING_PROVIDER=none}, every limit unlimited unless overridden. */
    public World() { this(false, Set.of()); }

    /** With billing on, plans' limits apply. */
    public static World withBilling() { return new World(true, Set.of()); }

    /** With {@code HUSH_ADMIN_EMAILS}. */
    public static World withAdminEmails(String... emails) { return new World(false, Set.of(emails)); }

    private World(boolean billingEnabled, Set<String> adminEmails) {
        // The server's wiring (bootstrap/wiring/*Wiring), with the settings' defaults.
        keys = new KeyHierarchy(rootKeys, organizations, projects, clock, 10_000, Duration.ofMinutes(5));
        cipher = new SecretCipher(keys);
        audit = new Audit(auditLog, auditLog, new AuditGroupCommit(auditLog, tx, 1, 1), tx, clock);
        auditLog.sealWith(audit::seal);
        planPolicy = new PlanPolicy(plans, plans, billingEnabled);
        apiUsage = new ApiUsage(plans, planPolicy, tx, clock, Duration.ofSeconds(10));
        tenancy = new Tenancy(organizations, projects);
        readAudit = new ReadAudit(tenancy, auditLog, audit, tx);
        templates = new Templates(tenancy, apiUsage, projects, secrets, tx, clock, audit);
        authenticate = new Authenticate(credentials, users, tx, clock, adminEmails, credentials);
        rotateRootKey = new RotateRootKey(organizations, tx, audit);
        rotateProjectKey = new RotateProjectKey(tenancy, apiUsage, keyRotations, keys, cipher, tx, clock, Duration.ofMinutes(1), audit);
        manageBilling = new ManageBilling(tenancy, plans, plans, billing, tx, clock, () -> PUBLIC_URL, audit, apiUsage);
        requestRecorder = new RequestRecorder(requestMetrics, tx, clock);
        metricsSummary = new MetricsSummary(requestMetrics, requestRecorder, tx, clock);
        adminConsole = new AdminConsole(plans, planPolicy, tx, clock, audit, apiUsage);
        billingStatus = new BillingStatus(tenancy, plans, planPolicy, tx, apiUsage);
        urlGuard = new UrlGuard("", host -> {
            String ip = HOSTS.get(host);
            if (ip == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(ip));
        });
        webhookOutbox = new WebhookOutbox(webhooks, webhooks, clock, environmentFeed);
        deliverWebhooks = new DeliverWebhooks(webhooks, webhooks, keys, urlGuard, sender, tx, clock, Duration.ofSeconds(10), 6, Duration.ofSeconds(15));
        manageWebhooks = new ManageWebhooks(tenancy, webhooks, webhooks, keys, urlGuard, deliverWebhooks, tx, clock, planPolicy, audit);
        orgKeyPairs = new OrgKeyPairs(sealingKeys, keys, clock, Duration.ofHours(24));
        orgPublicKey = new OrgPublicKey(tenancy, apiUsage, orgKeyPairs, tx, audit);
        createOrganization = new CreateOrganization(organizations, organizations, orgKeyPairs, clock);
        registerUser = new RegisterUser(users, createOrganization, authenticate, HASHER, tx, clock, rateLimits, 20, afterRegistration::add, audit);
        logIn = new LogIn(users, authenticate, HASHER, tx, audit, new LoginThrottle(loginFailures, tx, clock, "login"));
        changePassword = new ChangePassword(users, credentials, authenticate, HASHER, tx, audit);
        // The mail queue runs at once here, so a test sees the mail when forgot() returns.
        accountRecovery = new AccountRecovery(users, credentials, mailer, HASHER, new LoginThrottle(loginFailures, tx, clock, "forgot"), tx, clock, audit,
                () -> PUBLIC_URL, Runnable::run);
        whoAmI = new WhoAmI(organizations, tx);
        createToken = new CreateToken(credentials, tenancy, tx, clock, planPolicy, audit);
        cliHandoff = new CliHandoff(cliAuthRequests, users, createToken, tx, clock, audit, new LoginThrottle(loginFailures, tx, clock, "cli-approve"));
        manageTokens = new ManageTokens(credentials, tx, clock, audit);
        membership = new Membership(tenancy, organizations, organizations, organizations, users, mailer, tx, clock, () -> PUBLIC_URL, planPolicy, audit);
        manageOrganizations = new ManageOrganizations(tenancy, organizations, createOrganization, keys, tx, audit);
        createProject = new CreateProject(tenancy, apiUsage, projects, keys, tx, clock, planPolicy, audit);
        listProjects = new ListProjects(tenancy, apiUsage, projects, tx);
        deleteProject = new DeleteProject(tenancy, apiUsage, projects, keys, tx, audit);
        addEnvironment = new AddEnvironment(tenancy, apiUsage, projects, tx, planPolicy, audit);
        setSecret = new SetSecret(tenancy, apiUsage, secrets, cipher, orgKeyPairs, tx, clock, planPolicy, webhookOutbox, audit);
        pullSecrets = new PullSecrets(tenancy, apiUsage, secrets, new dev.hush.application.secret.PageCache(secrets, 1 << 20), cipher, tx, clock, audit);
        listSecretKeys = new ListSecretKeys(tenancy, apiUsage, secrets, tx);
        secretHistory = new SecretHistory(tenancy, apiUsage, secrets, cipher, tx, clock, audit, users);
        watchEnvironment = new dev.hush.application.secret.WatchEnvironment(tenancy, apiUsage, environmentFeed, tx);
        bulkImportSecrets = new BulkImportSecrets(tenancy, apiUsage, secrets, cipher, orgKeyPairs, tx, clock, planPolicy, webhookOutbox, audit);
        promoteSecrets = new PromoteSecrets(tenancy, apiUsage, secrets, cipher, tx, clock, planPolicy, webhookOutbox, audit);
        diffEnvironments = new dev.hush.application.secret.DiffEnvironments(tenancy, apiUsage, secrets, cipher, tx, audit);
        deleteSecrets = new DeleteSecrets(tenancy, apiUsage, secrets, tx, clock, webhookOutbox, audit);
        retrieveSealed = new RetrieveSealed(pullSecrets);
        defaultProject = new DefaultProject(tenancy, apiUsage, projects, tx, createProject);
        workspaceSecrets = new WorkspaceSecrets(tenancy, apiUsage, projects, secrets, secrets, overrides, cipher, keys, exchangeKeys, rateLimits, setSecret, tx, clock,
                100, audit);
    }

    // ---- fixtures ----

    /** A stored account with {@link #PASSWORD}. */
    public User user(String email) {
        User u = new User(UUID.randomUUID(), User.normalizeEmail(email), email.substring(0, email.indexOf('@')), passwordHash(), false,
                clock.instant());
        tx.write(() -> {
            users.insert(u);
            return null;
        });
        return u;
    }

    /** A platform admin account. */
    public User platformAdmin(String email) {
        User u = new User(UUID.randomUUID(), User.normalizeEmail(email), "admin", passwordHash(), true, clock.instant());
        tx.write(() -> {
            users.insert(u);
            return null;
        });
        return u;
    }

    /** The user, logged in with a session. */
    public static Caller session(User user) {
        return new Caller(user, TokenScope.unrestricted(), Optional.empty(), Optional.empty());
    }

    /** The user, calling with an API token of this scope. */
    public static Caller token(User user, TokenScope scope) {
        return new Caller(user, scope, Optional.of(UUID.randomUUID()), Optional.empty());
    }

    /** An organization owned by {@code owner}, with its KEK (its sealing pair comes on first use, as after a sign-up). */
    public Organization org(User owner, String slug) {
        return tx.write(() -> createOrganization.create(owner.id(), new Slug(slug), slug + " Inc", false, null));
    }

    /** Gives the organization its sealing key pair (the shared one: no RSA key generation per test); returns its public half. */
    public OrgKeyPairs.PublicKey sealingPair(Organization org) {
        return tx.write(() -> orgKeyPairs.ensure(org.id(), sharedPair()));
    }

    public void join(Organization org, User user, Role role) {
        tx.write(() -> {
            organizations.addMember(org.id(), user.id(), role, clock.instant());
            return null;
        });
    }

    /**
     * An organization with one member of each role and a project {@code api} (dev, staging, prod). Each call of
     * {@link #owner()} etc. is a new request (a {@link Caller} lives for one request: it is metered once per organization).
     */
    public record Team(Organization org, ProjectView api, User ownerUser, User adminUser, User developerUser, User viewerUser) {
        public String ref() { return org.slug().value(); }

        public Caller owner() { return session(ownerUser); }

        public Caller admin() { return session(adminUser); }

        public Caller developer() { return session(developerUser); }

        public Caller viewer() { return session(viewerUser); }

        public Environment env(String slug) {
            return api.environments().stream().filter(e -> e.slug().value().equals(slug)).findFirst().orElseThrow();
        }
    }

    public Team team(String slug) {
        User owner = user("owner@" + slug + ".test");
        Organization org = org(owner, slug);
        User admin = user("admin@" + slug + ".test");
        User developer = user("dev@" + slug + ".test");
        User viewer = user("viewer@" + slug + ".test");
        join(org, admin, Role.ADMIN);
        join(org, developer, Role.DEVELOPER);
        join(org, viewer, Role.VIEWER);
        Caller ownerCaller = session(owner);
        ProjectView api = createProject.create(ownerCaller, slug, "API", "api");
        return new Team(org, api, owner, admin, developer, viewer);
    }

    public static SecretChange change(String key, String value) {
        return new SecretChange(new dev.hush.domain.secret.SecretKey(key), Optional.ofNullable(value).map(v -> SecretValue.of("value", v)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Sets a secret through SetSecret. */
    public SetSecret.Result set(Caller caller, Team team, String env, String key, String value) {
        return setSecret.set(caller, team.ref(), "api", env, change(key, value));
    }

    /** The current stored value of a secret, decrypted from what the store holds; empty without a value. */
    public Optional<String> storedValue(Team team, String env, String key) {
        Environment e = team.env(env);
        return tx.read(() -> secrets.find(e.id(), new dev.hush.domain.secret.SecretKey(key)).flatMap(s -> {
            var v = secrets.currentValues(List.of(s)).get(s.id());
            if (v == null || !s.hasValue()) {
                return Optional.empty();
            }
            try (SecretValue plain = cipher.decrypt(new SecretCipher.Place(team.org().id(), team.api().project().id(), e.id(), s.key()), v.version(),
                    v.value())) {
                return Optional.of(plain.text());
            }
        }));
    }

    /** The actions recorded on an organization's audit chain, oldest first. */
    public List<String> auditActions(Organization org) { return auditLog.actions(org.id()); }

    /** The actions on the platform chain, oldest first. */
    public List<String> platformActions() { return auditLog.actions(dev.hush.domain.audit.AuditEvent.PLATFORM); }

    /** Remembers values between the steps of a test. */
    public final Map<String, Object> notes = new ConcurrentHashMap<>();
}
