package dev.hush.application.secret;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.application.webhook.WebhookOutbox;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Soft-deletes secrets: gone from pulls and key lists, history kept. One key needs the write right; a
 * bulk delete needs owner or admin, and names only live secrets (else nothing is deleted).
 */
public final class DeleteSecrets {
    private final Audit audit;
    private final WebhookOutbox outbox;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final Transactions tx;
    private final Clock clock;

    public DeleteSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, Transactions tx, Clock clock, WebhookOutbox outbox, Audit audit) {
        this.outbox = outbox;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.tx = tx;
        this.clock = clock;
    }

    public void deleteOne(Caller caller, String orgRef, String project, String env, String rawKey) {
        SecretKey key = SecretKey.of("key", rawKey);
        tx.write(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            in.access().requireWrite(in.project(), in.env());
            Secret secret = java.util.Optional.ofNullable(secrets.lockAll(in.env().id(), List.of(key)).get(key)).filter(s -> !s.isDeleted())
                    .orElseThrow(() -> Rejection.notFound("secret"));
            delete(secret, clock.instant());
            audit.record(in.org().id(), caller, "secret.deleted", in.resource(key.value()), null);
            outbox.secretEvent(in.env().id(), in.org().id(), in.org().slug().value(), in.project().slug().value(), in.env().slug().value(), "secret.deleted",
                    caller, List.of(key.value()), java.util.Map.of(key.value(), secret.version()), java.util.Map.of());
            return null;
        });
    }

    public int deleteMany(Caller caller, String orgRef, String project, String env, List<String> rawKeys) {
        if (rawKeys == null || rawKeys.isEmpty()) {
            throw Rejection.invalid("keys", "must not be empty");
        }
        if (rawKeys.size() > BulkImportSecrets.MAX_ENTRIES) {
            throw Rejection.invalid("keys", "at most " + BulkImportSecrets.MAX_ENTRIES + " entries per request");
        }
        Set<SecretKey> keys = new TreeSet<>();
        for (int i = 0; i < rawKeys.size(); i++) {
            keys.add(SecretKey.of("keys[" + i + "]", rawKeys.get(i)));
        }
        return tx.write(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            in.access().requireAdmin("bulk-delete secrets");
            in.access().requireWrite(in.project(), in.env());
            var found = secrets.lockAll(in.env().id(), keys);
            List<SecretKey> missing = new ArrayList<>();
            for (SecretKey k : keys) {
                if (!found.containsKey(k) || found.get(k).isDeleted()) {
                    missing.add(k);
                }
            }
            if (!missing.isEmpty()) {
                throw new Rejection(Rejection.Kind.NOT_FOUND, "secret_not_found", "No such secrets: " + missing + "; nothing was deleted.");
            }
            Instant now = clock.instant();
            found.values().forEach(s -> delete(s, now));
            audit.record(in.org().id(), caller, "secret.bulk_delete", in.resource(), String.join(",", keys.stream().map(SecretKey::value).toList()));
            java.util.Map<String, Integer> versions = new java.util.TreeMap<>();
            found.values().forEach(s -> versions.put(s.key().value(), s.version()));
            outbox.secretEvent(in.env().id(), in.org().id(), in.org().slug().value(), in.project().slug().value(), in.env().slug().value(), "secret.bulk_delete",
                    caller, List.copyOf(versions.keySet()), versions, java.util.Map.of());
            return found.size();
        });
    }

    private void delete(Secret secret, Instant now) {
        if (secret.hasValue()) {
            secrets.markVersionDeleted(secret.id(), secret.version());
        }
        secrets.update(secret.deleted(now));
    }
}
