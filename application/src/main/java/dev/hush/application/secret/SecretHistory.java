package dev.hush.application.secret;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.SecretVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A secret's versions, newest first, including those of a soft-deleted secret. With {@code reveal}
 * each version's value is added; that needs the read right and counts as an access.
 */
public final class SecretHistory {
    private final Audit audit;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final SecretCipher cipher;
    private final Transactions tx;
    private final Clock clock;
    private final dev.hush.application.port.Users users;

    public SecretHistory(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit,
                         dev.hush.application.port.Users users) {
        this.users = users;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.cipher = cipher;
        this.tx = tx;
        this.clock = clock;
    }

    /** A version, its value when revealed, and the e-mail of its author (while that account exists). */
    public record Entry(SecretVersion version, Optional<String> value, Optional<String> author) {
        @Override
        public String toString() { return "Entry[v" + version.version() + "]"; }
    }

    public List<Entry> history(Caller caller, String orgRef, String project, String env, String rawKey, boolean reveal) {
        SecretKey key = SecretKey.of("key", rawKey);
        return tx.write(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            if (reveal) {
                in.access().requireReadValues(in.project(), in.env());
            } else {
                in.access().requireMetadata(in.project(), in.env());
            }
            var secret = secrets.find(in.env().id(), key).orElseThrow(() -> Rejection.notFound("secret"));
            List<Entry> out = new ArrayList<>();
            java.util.Map<java.util.UUID, Optional<String>> authors = new java.util.HashMap<>();
            for (SecretVersion v : secrets.versions(secret.id())) {
                Optional<String> author = v.createdBy().flatMap(id -> authors.computeIfAbsent(id, u -> users.byId(u).map(x -> x.email())));
                if (reveal) {
                    try (SecretValue value = cipher.decrypt(SecretWriter.place(in, secret), v.version(), v.value())) {
                        out.add(new Entry(v, Optional.of(value.text()), author));
                    }
                } else {
                    out.add(new Entry(v, Optional.empty(), author));
                }
            }
            if (reveal && !out.isEmpty()) {
                secrets.recordAccess(List.of(secret.id()), clock.instant());
                audit.record(in.org().id(), caller, "secret.revealed", in.resource(key.value()), out.size() + " versions");
            }
            return out;
        });
    }
}
