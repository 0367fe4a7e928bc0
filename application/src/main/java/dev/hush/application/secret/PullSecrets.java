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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pulls an environment's secrets with their values ({@code full}) or masked ({@code preview}). The lookups
 * and the values are read in one read-only transaction (the caller's organization, project and environment,
 * then the secrets with their current versions in one statement, unless this node's {@link PageCache} holds them
 * at the environment's current revision) and decrypted with one cipher; a full pull is
 * then recorded in the audit log through the group commit ({@link Audit#recordRead}), and its values are
 * returned only once that record is durable. A full pull counts one access for each secret returned
 * (statistics, written within about a second).
 */
public final class PullSecrets {
    private final Audit audit;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final PageCache pages;
    private final SecretCipher cipher;
    private final Transactions tx;
    private final Clock clock;
    private final ReferenceResolver references;

    public PullSecrets(Tenancy tenancy, ApiUsage usage, Secrets secrets, PageCache pages, SecretCipher cipher, Transactions tx, Clock clock,
                       Audit audit) {
        this.pages = pages;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.cipher = cipher;
        this.tx = tx;
        this.clock = clock;
        this.references = new ReferenceResolver(tenancy, secrets, cipher);
    }

    /**
     * A secret with its value (its references resolved, unless asked not to), or its masked preview; {@code unresolved}:
     * the references of the value that stayed as written (missing, or not readable by the caller).
     */
    public record Pulled(Secret secret, String value, List<String> unresolved) {
        public Pulled(Secret secret, String value) { this(secret, value, List.of()); }

        @Override
        public String toString() { return "Pulled[" + secret.key() + "]"; }
    }

    /**
     * The secrets (none when {@code notModified}), the page, and the entity tag of this answer: the environment's
     * revision and what was asked, so it is the same on every node while nothing in the environment changes
     * ({@code null} when the environment's revision is not tracked).
     */
    public record Result(List<Pulled> secrets, Optional<Paging.Info> pagination, String etag, boolean notModified) {
        public Result(List<Pulled> secrets, Optional<Paging.Info> pagination) { this(secrets, pagination, null, false); }
    }

    private record Read(Tenancy.InEnv in, List<Pulled> out, Optional<Paging.Info> pagination, String etag, boolean notModified,
                        List<ReferenceResolver.Reads> viaReferences) {}

    public Result pull(Caller caller, String orgRef, String project, String env, SecretQuery query, boolean preview) {
        return pull(caller, orgRef, project, env, query, preview, "", null);
    }

    public Result pull(Caller caller, String orgRef, String project, String env, SecretQuery query, boolean preview, String variant,
                       String ifNoneMatch) {
        return pull(caller, orgRef, project, env, query, preview, true, variant, ifNoneMatch);
    }

    /**
     * A conditional pull: {@code variant} names the answer's representation (a JSON list, a map, a sealed bundle...)
     * and goes into the entity tag; when {@code ifNoneMatch} (an {@code If-None-Match} header) holds the current tag, no
     * value is read, decrypted or audited and the result is {@code notModified}. Access is checked first either way.
     * With {@code resolve}, references in values are resolved ({@link ReferenceResolver}): each value read through one
     * is audited as a read of its own environment, and the entity tag then also names the revisions of the environments
     * read so (an answer that depends on them is revalidated by resolving again, still without returning a value).
     */
    public Result pull(Caller caller, String orgRef, String project, String env, SecretQuery query, boolean preview, boolean resolve,
                       String variant, String ifNoneMatch) {
        Read read = tx.read(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            in.access().requireReadValues(in.project(), in.env());
            String base = EntityTags.of(in, query, preview, variant + (resolve ? "" : "|raw"));
            if (base != null && EntityTags.matches(ifNoneMatch, base)) {
                // The same revision: the same values, whose answer then depended on no other environment (its tag would
                // carry those).
                return new Read(in, List.of(), Optional.empty(), base, true, List.of());
            }
            // Keys, tags and the page are selected in SQL (or taken from this node's cache while the environment's
            // revision is unchanged): only the values returned are decrypted.
            Secrets.ValuedPage page = pages.page(in, query);
            List<Pulled> out = new ArrayList<>(page.rows().size());
            // Made on the first value that may hold a reference: most pulls have none, and pay nothing for them.
            ReferenceResolver.Session refs = null;
            try (SecretCipher.Reader reader = cipher.reader(in.org().id(), in.project().id())) {
                for (Secrets.Valued v : page.rows()) {
                    try (SecretValue value = reader.decrypt(SecretWriter.place(in, v.secret()), v.current().version(), v.current().value())) {
                        if (preview) {
                            out.add(new Pulled(v.secret(), value.preview()));
                        } else if (!resolve || !value.mayHoldReference()) {
                            out.add(new Pulled(v.secret(), value.text()));
                        } else {
                            if (refs == null) {
                                refs = references.session(in);
                            }
                            ReferenceResolver.Rendered r = refs.render(v.secret().key().value(), value.text());
                            out.add(new Pulled(v.secret(), r.text(), r.unresolved()));
                        }
                    }
                }
            }
            String etag = base == null || refs == null ? base : EntityTags.withDependencies(base, refs.dependencies());
            if (etag != null && !etag.equals(base) && EntityTags.matches(ifNoneMatch, etag)) {
                return new Read(in, List.of(), Optional.empty(), etag, true, List.of());
            }
            return new Read(in, out, query.paging().info(page.total()), etag, false, refs == null ? List.of() : refs.reads());
        });
        if (read.notModified()) {
            return new Result(List.of(), Optional.empty(), read.etag(), true);
        }
        if (!preview && !read.out().isEmpty()) {
            Tenancy.InEnv in = read.in();
            // Durable before any value leaves: refused (and nothing returned) if it cannot be written.
            audit.recordRead(in.org().id(), caller, "secret.read", in.resource(),
                    read.out().size() + " values: " + String.join(",", read.out().stream().map(p -> p.secret().key().value()).toList()));
            secrets.recordAccess(read.out().stream().map(p -> p.secret().id()).toList(), clock.instant());
            for (ReferenceResolver.Reads via : read.viaReferences()) {
                audit.recordRead(via.env().org().id(), caller, "secret.read", via.env().resource(), via.keys().size() + " values through references from "
                        + in.project().slug() + "/" + in.env().slug() + ": " + String.join(",", via.keys()));
                secrets.recordAccess(via.secretIds(), clock.instant());
            }
        }
        return new Result(read.out(), read.pagination(), read.etag(), false);
    }
}
