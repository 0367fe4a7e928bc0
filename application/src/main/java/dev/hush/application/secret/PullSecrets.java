package dev.hush.application.secret;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.SecretVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls an environment's secrets with their values ({@code full}) or masked ({@code preview}). A full
 * pull counts one access for each secret returned (statistics, written within about a second).
 */
public final class PullSecrets {
    private final Audit audit;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final SecretCipher cipher;
    private final Transactions tx;
    private final Clock clock;

    public PullSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Clock clock, Audit audit) {
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.cipher = cipher;
        this.tx = tx;
        this.clock = clock;
    }

    /** A secret with its value, or its masked preview. */
    public record Pulled(Secret secret, String value) {
        @Override
        public String toString() { return "Pulled[" + secret.key() + "]"; }
    }

    public record Result(List<Pulled> secrets, Optional<Paging.Info> pagination) {}

    public Result pull(Caller caller, String orgRef, String project, String env, SecretQuery query, boolean preview) {
        return tx.write(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            Tenancy.InEnv in = tenancy.environment(org, project, env);
            in.access().requireReadValues(in.project(), in.env());
            List<Secret> matching = secrets.listLive(in.env().id(), query.search()).stream()
                    .filter(Secret::hasValue).filter(query.filter()).toList();
            List<Secret> page = query.paging().apply(matching);
            Map<java.util.UUID, SecretVersion> values = secrets.currentValues(page);
            List<Pulled> out = new ArrayList<>(page.size());
            for (Secret s : page) {
                SecretVersion current = values.get(s.id());
                if (current == null) {
                    continue; // deleted by a concurrent transaction since it was listed
                }
                try (SecretValue value = cipher.decrypt(SecretWriter.place(in, s), current.version(), current.value())) {
                    Secret asRead = current.version() == s.version() ? s : s.withNewValue(current.version(), s.updatedAt());
                    out.add(new Pulled(asRead, preview ? value.preview() : value.text()));
                }
            }
            if (!preview && !page.isEmpty()) {
                secrets.recordAccess(page.stream().map(Secret::id).toList(), clock.instant());
                audit.record(in.org().id(), caller, "secret.read", in.resource(),
                        out.size() + " values: " + String.join(",", out.stream().map(p -> p.secret().key().value()).toList()));
            }
            return new Result(out, query.paging().info(matching.size()));
        });
    }
}
