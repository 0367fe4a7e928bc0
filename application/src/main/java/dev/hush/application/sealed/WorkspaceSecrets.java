package dev.hush.application.sealed;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.crypto.X25519Box;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.ExchangeKeys;
import dev.hush.application.port.OrganizationSecrets;
import dev.hush.application.port.Projects;
import dev.hush.application.port.RateLimits;
import dev.hush.application.port.SecretOverrides;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.secret.Retries;
import dev.hush.application.secret.SecretChange;
import dev.hush.application.secret.SetSecret;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Permission;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Project;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Poliglot Secret API's model over Hush's: a workspace is an organization (by slug), a secret is one
 * Hush secret (project, environment, key) addressed by its id, and its URI is
 * {@code project/environment/key}. Values travel end-to-end encrypted with {@link X25519Box} under
 * five-minute server keys; value reads are limited per user and workspace. A principal-scoped value is the
 * caller's personal override: only they see it, and it takes precedence over the workspace value for them.
 */
public final class WorkspaceSecrets {
    public static final Duration KEY_LIFETIME = Duration.ofMinutes(5);
    public static final int READS_PER_HOUR = 100;
    public static final int MAX_PAGE_SIZE = 100;

    private final Audit audit;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Projects projects;
    private final Secrets secrets;
    private final OrganizationSecrets orgSecrets;
    private final SecretOverrides overrides;
    private final SecretCipher cipher;
    private final KeyHierarchy keys;
    private final ExchangeKeys exchangeKeys;
    private final RateLimits rateLimits;
    private final SetSecret setSecret;
    private final Transactions tx;
    private final Clock clock;
    private final int readsPerHour;

    public WorkspaceSecrets(Tenancy tenancy, ApiUsage usage, Projects projects, Secrets secrets, OrganizationSecrets orgSecrets, SecretOverrides overrides, SecretCipher cipher,
                            KeyHierarchy keys, ExchangeKeys exchangeKeys, RateLimits rateLimits, SetSecret setSecret, Transactions tx,
                            Clock clock, int readsPerHour, Audit audit) {
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.projects = projects;
        this.secrets = secrets;
        this.orgSecrets = orgSecrets;
        this.overrides = overrides;
        this.cipher = cipher;
        this.keys = keys;
        this.exchangeKeys = exchangeKeys;
        this.rateLimits = rateLimits;
        this.setSecret = setSecret;
        this.tx = tx;
        this.clock = clock;
        this.readsPerHour = readsPerHour;
    }

    /** Where a value is kept: workspace-wide, or the caller's personal override. */
    public enum Scope {
        WORKSPACE, PRINCIPAL;

        /** {@code null} stays empty (the default depends on the operation). */
        public static Optional<Scope> parse(String text) {
            if (text == null || text.isEmpty()) {
                return Optional.empty();
            }
            return switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "workspace" -> Optional.of(WORKSPACE);
                case "principal" -> Optional.of(PRINCIPAL);
                default -> throw Rejection.invalid("scope", "must be workspace or principal");
            };
        }
    }

    /** A secret with where it lives. */
    public record Located(Secret secret, Project project, Environment env, Instant createdAt) {
        public String uri() { return project.slug() + "/" + env.slug() + "/" + secret.key().value(); }
    }

    public record Page(List<Located> items, int page, int size, int total) {}

    public record IssuedKey(UUID keyId, byte[] publicKey, Instant expiresAt) {}

    /** An encrypted value as the API returns it. */
    public record Boxed(byte[] ciphertext, byte[] nonce, byte[] serverPublicKey) {}

    /** How the client asked for the value: a fresh server key for its ephemeral key, or the server key it got from /pubkey. */
    public record Handshake(byte[] clientPublicKey, Optional<UUID> keyId) {}

    /** PUT .../value */
    public record NewValue(byte[] ciphertext, byte[] nonce, byte[] clientPublicKey, UUID keyId, Scope scope) {}

    public IssuedKey issueKey(Caller caller, String workspace) {
        return tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, workspace);
            usage.charge(caller, in.org().id());
            Instant now = clock.instant();
            exchangeKeys.deleteExpired(now);
            X25519Box.KeyPair pair = X25519Box.generate();
            try {
                UUID id = UUID.randomUUID();
                Instant expiresAt = now.plus(KEY_LIFETIME);
                byte[] wrapped = keys.wrapUnderOrganization(in.org().id(), exchangeContext(in.org().id(), id), pair.privateKey());
                exchangeKeys.insert(new ExchangeKeys.Stored(id, in.org().id(), pair.publicKey(), wrapped, expiresAt));
                return new IssuedKey(id, pair.publicKey(), expiresAt);
            } finally {
                Arrays.fill(pair.privateKey(), (byte) 0);
            }
        });
    }

    public Page list(Caller caller, String workspace, String prefix, int page, int size) {
        if (page < 0) {
            throw Rejection.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Rejection.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        String p = prefix == null ? "" : prefix;
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, workspace);
            usage.charge(caller, in.org().id());
            if (!in.access().scope().allows(Permission.READ)) {
                throw Rejection.forbidden("Your token may not read this workspace.");
            }
            Map<UUID, Project> projectsById = new HashMap<>();
            Map<UUID, Environment> envsById = new HashMap<>();
            for (Project project : projects.list(in.org().id())) {
                if (in.access().maySeeProject(project)) {
                    projectsById.put(project.id(), project);
                    for (Environment env : projects.environments(project.id())) {
                        envsById.put(env.id(), env);
                    }
                }
            }
            List<Located> visible = new ArrayList<>();
            for (Secret s : orgSecrets.listLiveInOrganization(in.org().id())) {
                Project project = projectsById.get(s.projectId());
                Environment env = envsById.get(s.environmentId());
                if (project != null && env != null && in.access().maySeeMetadata(project, env)) {
                    Located l = new Located(s, project, env, null);
                    if (l.uri().startsWith(p)) {
                        visible.add(l);
                    }
                }
            }
            visible.sort(Comparator.comparing(Located::uri));
            long from = (long) page * size;
            List<Located> items = from >= visible.size() ? List.of() : visible.subList((int) from, (int) Math.min(visible.size(), from + size));
            Map<UUID, Instant> created = orgSecrets.createdAt(items.stream().map(l -> l.secret().id()).toList());
            return new Page(items.stream().map(l -> new Located(l.secret(), l.project(), l.env(),
                    java.util.Objects.requireNonNullElse(created.get(l.secret().id()), l.secret().updatedAt()))).toList(), page, size, visible.size());
        });
    }

    public Located get(Caller caller, String workspace, String secretId) {
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, workspace);
            usage.charge(caller, in.org().id());
            return locate(in, secretId);
        });
    }

    public void setValue(Caller caller, String workspace, String secretId, NewValue value) {
        // First transaction: who, where, may they, and open the value; the write then goes through SetSecret (which checks again).
        Opened opened = tx.read(() -> {
            Tenancy.InOrg org = tenancy.org(caller, workspace);
            usage.charge(caller, org.org().id());
            ExchangeKeys.Stored key = usableKey(org, value.keyId());
            Located l = locate(org, secretId);
            if (value.scope() == Scope.PRINCIPAL) {
                org.access().requireReadValues(l.project(), l.env());
                if (!org.access().scope().allows(Permission.WRITE)) {
                    throw Rejection.forbidden("Your token may not write.");
                }
            } else {
                org.access().requireWrite(l.project(), l.env());
            }
            byte[] shared = sharedKey(org, key, value.clientPublicKey());
            try {
                byte[] bytes = X25519Box.open(shared, value.nonce(), value.ciphertext()).orElseThrow(WorkspaceSecrets::undecryptable);
                try {
                    // The value takes the array over (and wipes it when closed).
                    return new Opened(org, l, SecretValue.ofUtf8("encryptedValue", bytes));
                } catch (Rejection notUtf8) {
                    Arrays.fill(bytes, (byte) 0);
                    throw notUtf8;
                }
            } finally {
                Arrays.fill(shared, (byte) 0);
            }
        });
        Tenancy.InOrg in = opened.in();
        Located located = opened.located();
        SecretValue plain = opened.value();
        try (plain) {
            if (value.scope() == Scope.PRINCIPAL) {
                Located l = located;
                Retries.onConflict(() -> tx.write(() -> {
                    // The secret may have been deleted, or the caller's rights changed, meanwhile: look again, under the same rules.
                    Tenancy.InOrg now = tenancy.org(caller, workspace);
                    Located again = locate(now, l.secret().id().toString());
                    now.access().requireReadValues(again.project(), again.env());
                    if (!now.access().scope().allows(Permission.WRITE)) {
                        throw Rejection.forbidden("Your token may not write.");
                    }
                    overrides.upsert(again.secret().id(), caller.userId(),
                            cipher.encryptPersonal(place(in, again), caller.userId(), again.project().keyVersion(), plain), clock.instant());
                    audit.record(in.org().id(), caller, "secret.personal_value.set", resource(in, again), null);
                    return null;
                }));
            } else {
                setSecret.set(caller, in.org().id().toString(), located.project().slug().value(), located.env().slug().value(),
                        new SecretChange(located.secret().key(), Optional.of(plain), Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
    }

    private record Opened(Tenancy.InOrg in, Located located, SecretValue value) {
        @Override
        public String toString() { return "Opened"; }
    }

    /** The value, encrypted for the client; counts one read against the hourly limit, one access, one audit row. */
    public Boxed readValue(Caller caller, String workspace, String secretId, Handshake handshake, Optional<Scope> scope) {
        // Two first reads of a user at once race to create the counter's row: the loser is run again.
        return Retries.onConflict(() -> readOnce(caller, workspace, secretId, handshake, scope));
    }

    private Boxed readOnce(Caller caller, String workspace, String secretId, Handshake handshake, Optional<Scope> scope) {
        return tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, workspace);
            usage.charge(caller, in.org().id());
            Optional<ExchangeKeys.Stored> serverKey = handshake.keyId().map(id -> usableKey(in, id));
            Located l = locate(in, secretId);
            in.access().requireReadValues(l.project(), l.env());
            Instant now = clock.instant();
            rateLimits.tryAcquire("secret-value-read:" + caller.userId() + ":" + in.org().id(), readsPerHour, Duration.ofHours(1), now)
                    .ifPresent(wait -> {
                        throw Rejection.rateLimited((wait.toMillis() + 999) / 1000,
                                "At most " + readsPerHour + " secret value reads per user and workspace per hour.");
                    });
            boolean personal;
            SecretValue value;
            Optional<EncryptedValue> override = scope.orElse(null) == Scope.WORKSPACE ? Optional.empty()
                    : overrides.find(l.secret().id(), caller.userId());
            if (override.isPresent()) {
                personal = true;
                value = cipher.decryptPersonal(place(in, l), caller.userId(), override.get());
            } else if (scope.orElse(null) == Scope.PRINCIPAL) {
                throw new Rejection(Rejection.Kind.NOT_FOUND, "secret_value_not_found", "You have no personal value for this secret.");
            } else {
                var current = secrets.currentValues(List.of(l.secret())).get(l.secret().id());
                if (current == null) {
                    throw new Rejection(Rejection.Kind.NOT_FOUND, "secret_value_not_found", "The secret has no value.");
                }
                personal = false;
                value = cipher.decrypt(place(in, l), current.version(), current.value());
            }
            try (value) {
                byte[] serverPrivate;
                byte[] serverPublic;
                if (serverKey.isPresent()) {
                    serverPrivate = unwrap(in, serverKey.get());
                    serverPublic = serverKey.get().publicKey();
                } else {
                    X25519Box.KeyPair fresh = X25519Box.generate();
                    serverPrivate = fresh.privateKey();
                    serverPublic = fresh.publicKey();
                }
                byte[] shared = X25519Box.sharedKey(serverPrivate, handshake.clientPublicKey()).orElseThrow(WorkspaceSecrets::badClientKey);
                Arrays.fill(serverPrivate, (byte) 0);
                byte[] plain = value.utf8();
                try {
                    X25519Box.Sealed sealed = X25519Box.seal(shared, plain);
                    secrets.recordAccess(List.of(l.secret().id()), now);
                    audit.record(in.org().id(), caller, "secret.read", resource(in, l), personal ? "1 personal value (e2e)" : "1 value (e2e)");
                    return new Boxed(sealed.ciphertext(), sealed.nonce(), serverPublic);
                } finally {
                    Arrays.fill(shared, (byte) 0);
                    Arrays.fill(plain, (byte) 0);
                }
            }
        });
    }

    private Located locate(Tenancy.InOrg in, String secretId) {
        UUID id;
        try {
            id = UUID.fromString(secretId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Rejection.notFound("secret");
        }
        Secret s = orgSecrets.liveById(in.org().id(), id).orElseThrow(() -> Rejection.notFound("secret"));
        Project project = projects.list(in.org().id()).stream().filter(p -> p.id().equals(s.projectId())).findFirst()
                .orElseThrow(() -> Rejection.notFound("secret"));
        Environment env = projects.environments(project.id()).stream().filter(e -> e.id().equals(s.environmentId())).findFirst()
                .orElseThrow(() -> Rejection.notFound("secret"));
        if (!in.access().maySeeMetadata(project, env)) {
            throw Rejection.notFound("secret");
        }
        Instant created = orgSecrets.createdAt(List.of(s.id())).getOrDefault(s.id(), s.updatedAt());
        return new Located(s, project, env, created == null ? s.updatedAt() : created);
    }

    private ExchangeKeys.Stored usableKey(Tenancy.InOrg in, UUID keyId) {
        ExchangeKeys.Stored key = exchangeKeys.find(in.org().id(), keyId).orElseThrow(() -> new Rejection(Rejection.Kind.INVALID,
                "unknown_key_id", "Unknown keyId: request a server key from /pubkey first.", List.of(new Rejection.FieldError("keyId", "is unknown"))));
        if (!clock.instant().isBefore(key.expiresAt())) {
            throw new Rejection(Rejection.Kind.INVALID, "key_expired", "The server key has expired (keys last five minutes): request a new one from /pubkey.",
                    List.of(new Rejection.FieldError("keyId", "has expired")));
        }
        return key;
    }

    private byte[] sharedKey(Tenancy.InOrg in, ExchangeKeys.Stored key, byte[] clientPublicKey) {
        byte[] serverPrivate = unwrap(in, key);
        try {
            return X25519Box.sharedKey(serverPrivate, clientPublicKey).orElseThrow(WorkspaceSecrets::badClientKey);
        } finally {
            Arrays.fill(serverPrivate, (byte) 0);
        }
    }

    private byte[] unwrap(Tenancy.InOrg in, ExchangeKeys.Stored key) {
        return keys.unwrapUnderOrganization(in.org().id(), exchangeContext(in.org().id(), key.id()), key.privateWrapped(), null);
    }

    private static Rejection badClientKey() {
        return new Rejection(Rejection.Kind.INVALID, "invalid_public_key", "The client public key is not a usable X25519 key.",
                List.of(new Rejection.FieldError("clientPublicKey", "is not a usable X25519 public key")));
    }

    private static Rejection undecryptable() {
        return new Rejection(Rejection.Kind.INVALID, "decryption_failed",
                "The value could not be decrypted: encrypt it with XChaCha20-Poly1305 under BLAKE2b-256 of the X25519 shared secret "
                        + "between your key and the server key of keyId.", List.of(new Rejection.FieldError("encryptedValue", "could not be decrypted")));
    }

    private static SecretCipher.Place place(Tenancy.InOrg in, Located l) {
        return new SecretCipher.Place(in.org().id(), l.project().id(), l.env().id(), l.secret().key());
    }

    private static String resource(Tenancy.InOrg in, Located l) {
        return "org/" + in.org().slug() + "/project/" + l.project().slug() + "/env/" + l.env().slug() + "/secret/" + l.secret().key().value();
    }

    static byte[] exchangeContext(UUID orgId, UUID keyId) {
        return ("hush/exchange-key/v1|" + orgId + "|" + keyId).getBytes(StandardCharsets.US_ASCII);
    }
}
