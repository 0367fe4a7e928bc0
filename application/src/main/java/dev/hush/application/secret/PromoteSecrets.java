package dev.hush.application.secret;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.application.webhook.WebhookOutbox;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.SecretVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Copies the latest values (with tags, purpose and description) of one environment into another as new
 * versions: all keys, or the ones named. Needs the read right on the source and the write right on the
 * target; one transaction.
 */
public final class PromoteSecrets {
    private final Audit audit;
    private final WebhookOutbox outbox;
    private final PlanPolicy limits;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final SecretCipher cipher;
    private final SecretWriter writer;
    private final Transactions tx;
    private final Clock clock;

    public PromoteSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, PlanPolicy limits, WebhookOutbox outbox, Audit audit) {
        this.outbox = outbox;
        this.limits = limits;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.cipher = cipher;
        this.writer = new SecretWriter(tenancy, secrets, cipher);
        this.tx = tx;
        this.clock = clock;
    }

    public record Result(int promoted, int created, int updated, int unchanged) {}

    public Result promote(Caller caller, String orgRef, String project, String from, String to, List<String> rawKeys) {
        return promote(caller, orgRef, project, from, to, rawKeys, false);
    }

    /**
     * With {@code strict}, a promotion is refused ({@code target_has_extra_keys}, nothing written) when the target has live
     * keys the source lacks: a sign the environments drifted apart, which a promotion would not repair.
     */
    public Result promote(Caller caller, String orgRef, String project, String from, String to, List<String> rawKeys, boolean strict) {
        if (from == null || to == null) {
            throw Rejection.invalid(from == null ? "from" : "to", "is required");
        }
        if (from.equals(to)) {
            throw Rejection.invalid("to", "must differ from 'from'");
        }
        Set<SecretKey> wanted = new TreeSet<>();
        if (rawKeys != null && rawKeys.size() > BulkImportSecrets.MAX_ENTRIES) {
            throw Rejection.invalid("keys", "at most " + BulkImportSecrets.MAX_ENTRIES + " entries per request");
        }
        if (rawKeys != null) {
            for (int i = 0; i < rawKeys.size(); i++) {
                wanted.add(SecretKey.of("keys[" + i + "]", rawKeys.get(i)));
            }
        }
        return SecretWriter.retryingRaces(() -> tx.write(() -> {
            Tenancy.Pair pair = tenancy.pair(caller, orgRef, project, from, to, org -> usage.charge(caller, org.org().id()));
            Tenancy.InProject in = pair.project();
            var source = pair.from();
            var target = pair.to();
            in.access().requireReadValues(in.project(), source.env());
            in.access().requireWrite(in.project(), target.env());
            if (strict) {
                Set<SecretKey> sourceKeys = new TreeSet<>();
                secrets.listLive(source.env().id(), "").forEach(s -> sourceKeys.add(s.key()));
                List<String> extra = secrets.listLive(target.env().id(), "").stream().filter(s -> !sourceKeys.contains(s.key()))
                        .map(s -> s.key().value()).toList();
                if (!extra.isEmpty()) {
                    throw Rejection.conflict("target_has_extra_keys", "'" + to + "' has keys '" + from + "' lacks: " + String.join(", ", extra)
                            + " (promote without strict, or --force in the CLI, to go on)");
                }
            }
            List<Secret> live = secrets.listLive(source.env().id(), "").stream().filter(Secret::hasValue)
                    .filter(s -> wanted.isEmpty() || wanted.contains(s.key())).toList();
            if (!wanted.isEmpty() && live.size() != wanted.size()) {
                Set<SecretKey> missing = new TreeSet<>(wanted);
                live.forEach(s -> missing.remove(s.key()));
                throw new Rejection(Rejection.Kind.NOT_FOUND, "secret_not_found",
                        "No value in '" + from + "' for: " + missing);
            }
            Map<UUID, SecretVersion> values = secrets.currentValues(live);
            var existing = secrets.lockAll(target.env().id(), live.stream().map(Secret::key).toList());
            limits.requireRoomForSecrets(in.org().id(), in.project().id(),
                    live.stream().filter(s -> existing.get(s.key()) == null || existing.get(s.key()).isDeleted()).count());
            Instant now = clock.instant();
            java.util.Map<String, Integer> promotedVersions = new java.util.TreeMap<>();
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (Secret s : live) {
                SecretVersion current = values.get(s.id());
                if (current == null) {
                    continue;
                }
                try (SecretValue value = cipher.decrypt(SecretWriter.place(source, s), current.version(), current.value())) {
                    var change = new SecretChange(s.key(), Optional.of(value), Optional.of(s.tags()),
                            Optional.of(s.purposeType()), Optional.ofNullable(s.description()));
                    var written = writer.apply(target, change, Optional.ofNullable(existing.get(s.key())), caller.userId(), now);
                    if (written.created()) {
                        created++;
                    } else if (written.changed()) {
                        updated++;
                    } else {
                        unchanged++;
                    }
                    if (written.changed()) {
                        promotedVersions.put(s.key().value(), written.secret().version());
                    }
                }
            }
            audit.record(in.org().id(), caller, "secret.promoted", target.resource(), "from " + from + ": "
                    + String.join(",", live.stream().map(s -> s.key().value()).toList()));
            if (!promotedVersions.isEmpty()) {
                outbox.secretEvent(target.env().id(), in.org().id(), in.org().slug().value(), in.project().slug().value(), target.env().slug().value(),
                        "secret.promoted", caller, java.util.List.copyOf(promotedVersions.keySet()), promotedVersions, java.util.Map.of("from", from));
            }
            return new Result(live.size(), created, updated, unchanged);
        }));
    }
}
