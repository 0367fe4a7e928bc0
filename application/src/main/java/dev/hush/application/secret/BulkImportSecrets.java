package dev.hush.application.secret;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.tenant.Tenancy;
import dev.hush.application.webhook.WebhookOutbox;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sets many secrets of one environment in one transaction: all of them or none. */
public final class BulkImportSecrets {
    private final Audit audit;
    private final WebhookOutbox outbox;
    private final PlanPolicy limits;
    public static final int MAX_ENTRIES = 1000;

    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final SecretWriter writer;
    private final Transactions tx;
    private final Clock clock;

    private final OrgKeyPairs keyPairs;

    public BulkImportSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, OrgKeyPairs keyPairs, Transactions tx,
                             Clock clock, PlanPolicy limits, WebhookOutbox outbox, Audit audit) {
        this.outbox = outbox;
        this.limits = limits;
        this.keyPairs = keyPairs;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.writer = new SecretWriter(tenancy, secrets, cipher);
        this.tx = tx;
        this.clock = clock;
    }

    public record Result(int created, int updated, int unchanged) {}

    /** The changes are already validated one by one; this checks the batch as a whole. */
    public Result importAll(Caller caller, String orgRef, String project, String env, List<SecretChange> changes) {
        return importAll(caller, orgRef, project, env, changes, java.util.Collections.nCopies(changes.size(), java.util.Optional.empty()));
    }

    /**
     * Like {@link #importAll(Caller, String, String, String, List)}, entry {@code i} arriving sealed when
     * {@code sealed.get(i)} is present (its change then has no value): opened only after the right to write is checked.
     */
    public Result importAll(Caller caller, String orgRef, String project, String env, List<SecretChange> changes,
                            List<java.util.Optional<SetSecret.Sealed>> sealed) {
        if (changes.isEmpty()) {
            throw Rejection.invalid("secrets", "must not be empty");
        }
        if (changes.size() > MAX_ENTRIES) {
            throw Rejection.invalid("secrets", "at most " + MAX_ENTRIES + " entries per request");
        }
        Set<SecretKey> seen = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            if (!seen.add(changes.get(i).key())) {
                throw Rejection.invalid("secrets[" + i + "].key", "duplicate key '" + changes.get(i).key() + "'");
            }
        }
        return SecretWriter.retryingRaces(() -> tx.write(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            in.access().requireWrite(in.project(), in.env());
            // Sealed values are opened before any row is locked: RSA takes milliseconds each (X25519 a tenth of one).
            List<SecretChange> opened = new java.util.ArrayList<>(changes.size());
            try {
                for (int i = 0; i < changes.size(); i++) {
                    SecretChange c = changes.get(i);
                    var s = sealed.get(i);
                    opened.add(s.isEmpty() ? c : new SecretChange(c.key(), java.util.Optional.of(s.get().open(keyPairs, in, c.key(),
                            "secrets[" + i + "].")), c.tags(), c.purposeType(), c.description()));
                }
            } catch (RuntimeException e) {
                wipe(opened, sealed);
                throw e;
            }
            var existing = secrets.lockAll(in.env().id(), seen);
            limits.requireRoomForSecrets(in.org().id(), in.project().id(),
                    seen.stream().filter(k -> existing.get(k) == null || existing.get(k).isDeleted()).count());
            Instant now = clock.instant();
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            // Key order, as lockAll takes its locks: concurrent imports of overlapping keys never deadlock.
            java.util.Map<String, Integer> versions = new java.util.TreeMap<>();
            try {
                for (SecretChange change : opened.stream().sorted(java.util.Comparator.comparing(SecretChange::key)).toList()) {
                    var written = writer.apply(in, change, java.util.Optional.ofNullable(existing.get(change.key())), caller.userId(), now);
                    if (written.created()) {
                        created++;
                    } else if (written.changed()) {
                        updated++;
                    } else {
                        unchanged++;
                    }
                    if (written.changed()) {
                        versions.put(change.key().value(), written.secret().version());
                    }
                }
            } finally {
                wipe(opened, sealed);
            }
            audit.record(in.org().id(), caller, "secret.bulk_set", in.resource(), "created " + created + ", updated " + updated
                    + ", unchanged " + unchanged + ": " + String.join(",", changes.stream().map(c -> c.key().value()).toList()));
            if (!versions.isEmpty()) {
                outbox.secretEvent(in.env().id(), in.org().id(), in.org().slug().value(), in.project().slug().value(), in.env().slug().value(), "secret.bulk_set",
                        caller, java.util.List.copyOf(versions.keySet()), versions, java.util.Map.of("created", created, "updated", updated));
            }
            return new Result(created, updated, unchanged);
        }));
    }

    private static void wipe(List<SecretChange> opened, List<java.util.Optional<SetSecret.Sealed>> sealed) {
        for (int i = 0; i < opened.size(); i++) {
            if (sealed.get(i).isPresent()) {
                opened.get(i).value().ifPresent(SecretValue::close);
            }
        }
    }
}
