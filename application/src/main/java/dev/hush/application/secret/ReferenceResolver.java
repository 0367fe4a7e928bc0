package dev.hush.application.secret;

import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.port.Secrets;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.References;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.SecretVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@link References} between secrets: resolved when values are read ({@link #session}), checked when a value is written
 * ({@link #check}: a malformed reference, a cycle or a chain deeper than {@link References#MAX_DEPTH} is refused, naming
 * it). A reference resolves only to a value the reader may read (its organization, a project it sees, an environment
 * its role and token reach); any other stays as written and is reported unresolved, whether or not the target exists.
 * Runs inside the caller's transaction.
 */
final class ReferenceResolver {
    private final Tenancy tenancy;
    private final Secrets secrets;
    private final SecretCipher cipher;

    ReferenceResolver(Tenancy tenancy, Secrets secrets, SecretCipher cipher) {
        this.tenancy = tenancy;
        this.secrets = secrets;
        this.cipher = cipher;
    }

    /** A value with its references resolved, and the references that were not. */
    record Rendered(String text, List<String> unresolved) {
        @Override
        public String toString() { return "Rendered[" + unresolved + "]"; }
    }

    /** Values read through references in one environment: for the audit and the access statistics. */
    record Reads(Tenancy.InEnv env, TreeSet<String> keys, List<UUID> secretIds) {}

    Session session(Tenancy.InEnv origin) { return new Session(origin); }

    /** One read's resolution: each target looked up and decrypted once. */
    final class Session {
        private final Tenancy.InEnv origin;
        private final Map<String, Optional<Tenancy.InEnv>> envs = new HashMap<>();
        private final Map<String, Optional<String>> values = new HashMap<>();
        private final Map<UUID, Reads> reads = new LinkedHashMap<>();
        private final Map<UUID, Long> revisions = new TreeMap<>();
        private boolean anyUnresolved;

        private Session(Tenancy.InEnv origin) {
            this.origin = origin;
        }

        /** {@code text}, the value of {@code key} in the origin environment, with its references resolved. */
        Rendered render(String key, String text) {
            if (!References.mayContain(text)) {
                return new Rendered(text, List.of());
            }
            List<References.Reference> unresolved = new ArrayList<>();
            Deque<String> path = new ArrayDeque<>();
            path.push(id(origin, key));
            String out = renderAt(origin, text, path, unresolved);
            if (!unresolved.isEmpty()) {
                anyUnresolved = true;
            }
            return new Rendered(out, unresolved.stream().map(References.Reference::text).distinct().toList());
        }

        private String renderAt(Tenancy.InEnv at, String text, Deque<String> path, List<References.Reference> unresolved) {
            return References.render(text, ref -> target(at, ref).flatMap(t -> value(t, ref.key(), path, unresolved)), unresolved);
        }

        private Optional<String> value(Tenancy.InEnv at, String key, Deque<String> path, List<References.Reference> unresolved) {
            String id = id(at, key);
            if (path.contains(id) || path.size() > References.MAX_DEPTH) {
                return Optional.empty(); // a cycle or a chain too deep (refused on write; possible through concurrent writes)
            }
            Optional<String> known = values.get(id);
            if (known != null) {
                return known;
            }
            Optional<String> result = Optional.empty();
            SecretKey secretKey;
            try {
                secretKey = SecretKey.of("key", key);
            } catch (Rejection badKey) {
                values.put(id, result);
                return result;
            }
            Optional<Secret> secret = secrets.find(at.env().id(), secretKey).filter(s -> !s.isDeleted() && s.hasValue());
            if (secret.isPresent()) {
                SecretVersion current = secrets.currentValues(List.of(secret.get())).get(secret.get().id());
                if (current != null) {
                    String text;
                    try (SecretValue v = cipher.decrypt(SecretWriter.place(at, secret.get()), current.version(), current.value())) {
                        text = v.text();
                    }
                    reads.computeIfAbsent(at.env().id(), e -> new Reads(at, new TreeSet<>(), new ArrayList<>()));
                    Reads r = reads.get(at.env().id());
                    if (r.keys().add(key)) {
                        r.secretIds().add(secret.get().id());
                    }
                    path.push(id);
                    result = Optional.of(References.mayContain(text) ? renderAt(at, text, path, unresolved) : text);
                    path.pop();
                }
            }
            values.put(id, result);
            return result;
        }

        private Optional<Tenancy.InEnv> target(Tenancy.InEnv at, References.Reference ref) {
            String project = ref.project().orElse(at.project().slug().value());
            String env = ref.env().orElse(at.env().slug().value());
            if (project.equals(at.project().slug().value()) && env.equals(at.env().slug().value())) {
                return Optional.of(at);
            }
            return envs.computeIfAbsent(project + "/" + env, k -> {
                try {
                    Tenancy.InEnv t = tenancy.environment(new Tenancy.InOrg(origin.org(), origin.access()), project, env);
                    if (!origin.access().mayReadValues(t.project(), t.env())) {
                        return Optional.empty();
                    }
                    revisions.put(t.env().id(), t.revision());
                    return Optional.of(t);
                } catch (Rejection notThere) {
                    return Optional.empty();
                }
            });
        }

        /** Values read through references, by environment. */
        List<Reads> reads() { return List.copyOf(reads.values()); }

        /**
         * What besides the origin's own revision the answer depends on: the revisions of the other environments it read
         * through references, and whether some reference stayed unresolved (which access, not a revision, may change);
         * empty when nothing.
         */
        String dependencies() {
            if (revisions.isEmpty() && !anyUnresolved) {
                return "";
            }
            return revisions + (anyUnresolved ? "|unresolved" : "");
        }
    }

    /**
     * Refuses a value for {@code key} of {@code in} whose references are malformed, make a cycle, or nest deeper than
     * {@link References#MAX_DEPTH}: the error names the chain. A reference to a missing value is allowed (it may be set
     * later) and is followed when it exists.
     */
    void check(Tenancy.InEnv in, SecretKey key, String value) {
        if (!References.mayContain(value)) {
            return;
        }
        References.parse("value", value);
        Deque<String> path = new ArrayDeque<>();
        path.addLast(id(in, key.value()));
        follow(in, value, path, new HashMap<>());
    }

    private void follow(Tenancy.InEnv at, String text, Deque<String> path, Map<String, Optional<Tenancy.InEnv>> envs) {
        List<References.Reference> refs;
        try {
            refs = References.parse("value", text);
        } catch (Rejection malformed) {
            if (path.size() == 1) {
                throw malformed;
            }
            return; // a stored value written before references existed: it resolves nothing
        }
        for (References.Reference ref : refs) {
            String project = ref.project().orElse(at.project().slug().value());
            String env = ref.env().orElse(at.env().slug().value());
            Optional<Tenancy.InEnv> target = project.equals(at.project().slug().value()) && env.equals(at.env().slug().value()) ? Optional.of(at)
                    : envs.computeIfAbsent(project + "/" + env, k -> {
                        try {
                            return Optional.of(tenancy.environment(new Tenancy.InOrg(at.org(), at.access()), project, env));
                        } catch (Rejection notThere) {
                            return Optional.empty();
                        }
                    });
            String id = project + "/" + env + "/" + ref.key();
            if (path.contains(id)) {
                throw new Rejection(Rejection.Kind.INVALID, "reference_cycle", "The references make a cycle: " + String.join(" -> ", path) + " -> " + id,
                        List.of(new Rejection.FieldError("value", "makes a reference cycle")));
            }
            if (path.size() > References.MAX_DEPTH) {
                throw new Rejection(Rejection.Kind.INVALID, "reference_too_deep", "References nest deeper than " + References.MAX_DEPTH + ": "
                        + String.join(" -> ", path) + " -> " + id, List.of(new Rejection.FieldError("value", "references nest too deep")));
            }
            if (target.isEmpty()) {
                continue;
            }
            Optional<Secret> secret = secrets.find(target.get().env().id(), SecretKey.of("value", ref.key())).filter(s -> !s.isDeleted() && s.hasValue());
            if (secret.isEmpty()) {
                continue;
            }
            SecretVersion current = secrets.currentValues(List.of(secret.get())).get(secret.get().id());
            if (current == null) {
                continue;
            }
            String next;
            try (SecretValue v = cipher.decrypt(SecretWriter.place(target.get(), secret.get()), current.version(), current.value())) {
                next = v.text();
            }
            if (References.mayContain(next)) {
                path.addLast(id);
                follow(target.get(), next, path, envs);
                path.removeLast();
            }
        }
    }

    private static String id(Tenancy.InEnv at, String key) {
        return at.project().slug().value() + "/" + at.env().slug().value() + "/" + key;
    }
}
