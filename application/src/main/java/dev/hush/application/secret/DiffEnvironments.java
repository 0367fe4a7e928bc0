package dev.hush.application.secret;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.SecretVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How two environments of a project differ: keys only in one, keys whose values differ (compared here, in memory;
 * no value is returned) and keys whose metadata differs. Comparing values tells whether they are equal, so the caller
 * must be allowed to read the values of both; the comparison is audited as a read of both ({@code secret.compared}).
 */
public final class DiffEnvironments {
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final SecretCipher cipher;
    private final Transactions tx;
    private final Audit audit;

    public DiffEnvironments(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, Transactions tx, Audit audit) {
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.cipher = cipher;
        this.tx = tx;
        this.audit = audit;
    }

    /** A key in both environments that differs: which of {@code value}, {@code hasValue}, {@code tags}, {@code purposeType}, {@code description}. */
    public record Changed(String key, List<String> differences) {}

    /** Keys by name (code point order); {@code same}: in both, equal in value and metadata. */
    public record Result(String from, String to, List<String> onlyInFrom, List<String> onlyInTo, List<Changed> changed, List<String> same) {
        public boolean identical() { return onlyInFrom.isEmpty() && onlyInTo.isEmpty() && changed.isEmpty(); }
    }

    private record Read(Tenancy.InEnv source, Result result) {}

    public Result diff(Caller caller, String orgRef, String project, String from, String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw Rejection.invalid(from == null || from.isBlank() ? "from" : "to", "is required");
        }
        if (from.equals(to)) {
            throw Rejection.invalid("to", "must differ from 'from'");
        }
        Read read = tx.read(() -> {
            Tenancy.Pair pair = tenancy.pair(caller, orgRef, project, from, to, org -> usage.charge(caller, org.org().id()));
            Tenancy.InProject in = pair.project();
            var source = pair.from();
            var target = pair.to();
            in.access().requireReadValues(in.project(), source.env());
            in.access().requireReadValues(in.project(), target.env());
            Map<String, Secret> a = byKey(secrets.listLive(source.env().id(), ""));
            Map<String, Secret> b = byKey(secrets.listLive(target.env().id(), ""));
            List<Secret> both = new ArrayList<>();
            a.forEach((k, s) -> { if (b.containsKey(k)) { both.add(s); both.add(b.get(k)); } });
            Map<UUID, SecretVersion> values = secrets.currentValues(both);
            List<String> onlyInFrom = a.keySet().stream().filter(k -> !b.containsKey(k)).toList();
            List<String> onlyInTo = b.keySet().stream().filter(k -> !a.containsKey(k)).toList();
            List<Changed> changed = new ArrayList<>();
            List<String> same = new ArrayList<>();
            try (SecretCipher.Reader reader = cipher.reader(in.org().id(), in.project().id())) {
                for (var e : a.entrySet()) {
                    Secret s = e.getValue();
                    Secret t = b.get(e.getKey());
                    if (t == null) {
                        continue;
                    }
                    List<String> differences = new ArrayList<>();
                    if (s.hasValue() != t.hasValue()) {
                        differences.add("hasValue");
                    } else if (s.hasValue() && !sameValue(reader, source, s, values.get(s.id()), target, t, values.get(t.id()))) {
                        differences.add("value");
                    }
                    if (!s.tags().equals(t.tags())) {
                        differences.add("tags");
                    }
                    if (s.purposeType() != t.purposeType()) {
                        differences.add("purposeType");
                    }
                    if (!Objects.equals(s.description(), t.description())) {
                        differences.add("description");
                    }
                    if (differences.isEmpty()) {
                        same.add(e.getKey());
                    } else {
                        changed.add(new Changed(e.getKey(), List.copyOf(differences)));
                    }
                }
            }
            return new Read(source, new Result(from, to, onlyInFrom, onlyInTo, List.copyOf(changed), List.copyOf(same)));
        });
        Result r = read.result();
        if (!r.changed().isEmpty() || !r.same().isEmpty()) {
            // Whether two values are equal is a read of both: durable before the answer leaves.
            audit.recordRead(read.source().org().id(), caller, "secret.compared", read.source().resource(),
                    "with " + to + ": " + (r.changed().size() + r.same().size()) + " keys in both");
        }
        return r;
    }

    private static boolean sameValue(SecretCipher.Reader reader, Tenancy.InEnv source, Secret s, SecretVersion sv, Tenancy.InEnv target,
                                     Secret t, SecretVersion tv) {
        if (sv == null || tv == null) {
            return sv == tv;
        }
        try (SecretValue x = reader.decrypt(SecretWriter.place(source, s), sv.version(), sv.value());
             SecretValue y = reader.decrypt(SecretWriter.place(target, t), tv.version(), tv.value())) {
            return x.sameAs(y);
        }
    }

    private static Map<String, Secret> byKey(List<Secret> live) {
        Map<String, Secret> out = new TreeMap<>();
        live.forEach(s -> out.put(s.key().value(), s));
        return out;
    }
}
