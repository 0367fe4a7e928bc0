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
            Optional<Current> current = current(at, key);
            if (current.isPresent()) {
                String text = current.get().text();
                reads.computeIfAbsent(at.env().id(), e -> new Reads(at, new TreeSet<>(), new ArrayList<>()));
                Reads r = reads.get(at.env().id());
                if (r.keys().add(key)) {
                    r.secretIds().add(current.get().secretId());
                }
                path.push(id);
                result = Optional.of(References.mayContain(text) ? renderAt(at, text, path, unresolved) : text);
                path.pop();
            }
            values.put(id, result);
            return result;
        }

        /** The environment {@code ref} names, if the origin's caller may read its values there. */
        private Optional<Tenancy.InEnv> target(Tenancy.InEnv at, References.Reference ref) {
            return locate(at, ref, envs, origin, t -> {
                if (!origin.access().mayReadValues(t.project(), t.env())) {
                    return false;
                }
                revisions.put(t.env().id(), t.revision());
                return true;
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
            Optional<Tenancy.InEnv> target = locate(at, ref, envs, at, t -> true);
            String id = ref.project().orElse(at.project().slug().value()) + "/" + ref.env().orElse(at.env().slug().value()) + "/" + ref.key();
            if (path.contains(id)) {
                throw new Rejection(Rejection.Kind.INVALID, "reference_cycle", "The references make a cycle: " + String.join(" -> ", path) + " -> " + id,
                        List.of(new Rejection.FieldError("value", "makes a reference cycle")));
            }
            if (path.size() > References.MAX_DEPTH) {
                throw new Rejection(Rejection.Kind.INVALID, "reference_too_deep", "References nest deeper than " + References.MAX_DEPTH + ": "
                        + String.join(" -> ", path) + " -> " + id, List.of(new Rejection.FieldError("value", "references nest too deep")));
            }
            Optional<Current> next = target.flatMap(t -> current(t, ref.key()));
            if (next.isPresent() && References.mayContain(next.get().text())) {
                path.addLast(id);
                follow(target.get(), next.get().text(), path, envs);
                path.removeLast();
            }
        }
    }

    /**
     * The environment a reference made in {@code at} names: {@code at} itself, or another one of the organization that
     * {@code as}'s caller can see and {@code allowed} accepts; looked up once per request.
     */
    private Optional<Tenancy.InEnv> locate(Tenancy.InEnv at, References.Reference ref, Map<String, Optional<Tenancy.InEnv>> envs, Tenancy.InEnv as,
                                           java.util.function.Predicate<Tenancy.InEnv> allowed) {
        String project = ref.project().orElse(at.project().slug().value());
        String env = ref.env().orElse(at.env().slug().value());
        if (project.equals(at.project().slug().value()) && env.equals(at.env().slug().value())) {
            return Optional.of(at);
        }
        return envs.computeIfAbsent(project + "/" + env, k -> {
            try {
                Tenancy.InEnv t = tenancy.environment(new Tenancy.InOrg(as.org(), as.access()), project, env);
                return allowed.test(t) ? Optional.of(t) : Optional.empty();
            } catch (Rejection notThere) {
                return Optional.empty();
            }
        });
    }

    /** A live secret's current value, decrypted. */
    private record Current(UUID secretId, String text) {
        @Override
        public String toString() { return "Current[" + secretId + "]"; }
    }

    /** The current value of {@code key} in {@code at}, when it is a live secret with a value. */
    private Optional<Current> current(Tenancy.InEnv at, String key) {
        SecretKey secretKey;
        try {
            secretKey = SecretKey.of("key", key);
        } catch (Rejection badKey) {
            return Optional.empty();
        }
        Optional<Secret> secret = secrets.find(at.env().id(), secretKey).filter(s -> !s.isDeleted() && s.hasValue());
        SecretVersion version = secret.map(s -> secrets.currentValues(List.of(s)).get(s.id())).orElse(null);
        if (version == null) {
            return Optional.empty();
        }
        try (SecretValue v = cipher.decrypt(SecretWriter.place(at, secret.get()), version.version(), version.value())) {
            return Optional.of(new Current(secret.get().id(), v.text()));
        }
    }

    private static String id(Tenancy.InEnv at, String key) {
        return at.project().slug().value() + "/" + at.env().slug().value() + "/" + key;
    }
}
