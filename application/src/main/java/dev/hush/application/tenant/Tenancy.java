package dev.hush.application.tenant;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.Projects;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Access;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Project;
import dev.hush.domain.tenant.Slug;
import java.util.UUID;

/**
 * Resolves the organization, project and environment named in a request for a caller. Whatever the
 * caller may not see answers "not found", exactly as if it did not exist: another organization's id
 * gives no hint. Lookups only: a use case that counts the request against the organization's API
 * requests calls {@link dev.hush.application.plan.ApiUsage#charge} itself. Call inside a transaction.
 */
public final class Tenancy {
    private final Organizations organizations;
    private final Projects projects;

    public Tenancy(Organizations organizations, Projects projects) {
        this.organizations = organizations;
        this.projects = projects;
    }

    /** An organization the caller belongs to (and their credential covers). */
    public record InOrg(Organization org, Access access) {}

    /** A project of such an organization. */
    public record InProject(Organization org, Access access, Project project) {}

    /** An environment of such a project. */
    /**
     * An environment the caller may reach, with its revision as this request read it ({@link Projects.Placement#revision}):
     * what a node's cache of the environment's rows is checked against.
     */
    public record InEnv(Organization org, Access access, Project project, Environment env, long revision) {
        public InEnv(Organization org, Access access, Project project, Environment env) {
            this(org, access, project, env, Projects.Placement.UNTRACKED);
        }

        /** The audit resource name of this environment, or of one of its keys. */
        public String resource(String... key) {
            return "org/" + org.slug() + "/project/" + project.slug() + "/env/" + env.slug() + (key.length == 0 ? "" : "/secret/" + key[0]);
        }
    }

    /** {@code ref} is an organization id (UUID) or slug. */
    public InOrg org(Caller caller, String ref) {
        return membership(caller, ref)
                .filter(m -> caller.scope().coversOrg(m.org().id()))
                .map(m -> new InOrg(m.org(), new Access(m.role(), caller.scope())))
                .orElseThrow(() -> Rejection.notFound("organization"));
    }

    public InProject project(InOrg in, String projectSlug) {
        Project project = projects.bySlug(in.org().id(), Slug.of("project", projectSlug))
                .filter(p -> in.access().maySeeProject(p))
                .orElseThrow(() -> Rejection.notFound("project"));
        return new InProject(in.org(), in.access(), project);
    }

    public InEnv environment(InOrg in, String projectSlug, String envSlug) {
        Slug project = Slug.of("project", projectSlug);
        Slug env = Slug.of("environment", envSlug);
        var placement = projects.placement(in.org().id(), project, env)
                .filter(p -> in.access().maySeeProject(p.project()))
                .filter(p -> in.access().scope().coversEnvironment(p.environment().slug().value()));
        if (placement.isEmpty()) {
            // Only on the error path: tell a missing project from a missing environment.
            project(in, projectSlug);
            throw Rejection.notFound("environment");
        }
        return new InEnv(in.org(), in.access(), placement.get().project(), placement.get().environment(), placement.get().revision());
    }

    /**
     * {@link #org} then {@link #environment(InOrg, String, String)} in one read when all is found (a pull's hot
     * path). {@code onOrg} runs once the organization is known, before the environment is checked, as between
     * those two calls (the use case charges the request there): on the error path it runs before the project or
     * environment is reported missing.
     */
    public InEnv environment(Caller caller, String orgRef, String projectSlug, String envSlug, java.util.function.Consumer<InOrg> onOrg) {
        java.util.Optional<Projects.MemberPlacement> found = java.util.Optional.empty();
        if (orgRef != null) {
            try {
                Slug project = Slug.of("project", projectSlug);
                Slug env = Slug.of("environment", envSlug);
                found = isUuid(orgRef)
                        ? projects.placementFor(caller.userId(), java.util.Optional.of(UUID.fromString(orgRef)), java.util.Optional.empty(), project, env)
                        : projects.placementFor(caller.userId(), java.util.Optional.empty(), java.util.Optional.of(new Slug(orgRef)), project, env);
            } catch (Rejection badSlug) {
                found = java.util.Optional.empty(); // reported below, in the same order as the two-step path
            }
        }
        if (found.isPresent() && caller.scope().coversOrg(found.get().membership().org().id())) {
            Projects.MemberPlacement mp = found.get();
            InOrg org = new InOrg(mp.membership().org(), new Access(mp.membership().role(), caller.scope()));
            onOrg.accept(org);
            if (org.access().maySeeProject(mp.placement().project())
                    && org.access().scope().coversEnvironment(mp.placement().environment().slug().value())) {
                return new InEnv(org.org(), org.access(), mp.placement().project(), mp.placement().environment(), mp.placement().revision());
            }
            return environment(org, projectSlug, envSlug); // throws, telling a hidden project from a hidden environment
        }
        InOrg org = org(caller, orgRef);
        onOrg.accept(org);
        return environment(org, projectSlug, envSlug);
    }

    private static boolean isUuid(String ref) {
        try {
            UUID.fromString(ref);
            return ref.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Two environments of one project, as a promotion or a comparison reads them: {@code onOrg} as for {@link #environment(Caller, String, String, String, java.util.function.Consumer)}. */
    public record Pair(InProject project, InEnv from, InEnv to) {}

    public Pair pair(Caller caller, String orgRef, String projectSlug, String fromSlug, String toSlug, java.util.function.Consumer<InOrg> onOrg) {
        InOrg org = org(caller, orgRef);
        onOrg.accept(org);
        InProject in = project(org, projectSlug);
        return new Pair(in, new InEnv(in.org(), in.access(), in.project(), environment(in, fromSlug)),
                new InEnv(in.org(), in.access(), in.project(), environment(in, toSlug)));
    }

    public Environment environment(InProject in, String envSlug) {
        return projects.environment(in.project().id(), Slug.of("environment", envSlug))
                .filter(e -> in.access().scope().coversEnvironment(e.slug().value()))
                .orElseThrow(() -> Rejection.notFound("environment"));
    }

    private java.util.Optional<Organizations.Membership> membership(Caller caller, String ref) {
        if (ref == null) {
            return java.util.Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(ref);
        } catch (IllegalArgumentException notUuid) {
            try {
                return organizations.membership(new Slug(ref), caller.userId());
            } catch (Rejection badSlug) {
                return java.util.Optional.empty();
            }
        }
        return organizations.membership(id, caller.userId());
    }
}
