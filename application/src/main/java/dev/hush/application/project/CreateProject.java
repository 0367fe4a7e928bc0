package dev.hush.application.project;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Names;
import dev.hush.domain.tenant.Project;
import dev.hush.domain.tenant.Slug;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Creates a project (owner/admin) with {@code dev}, {@code staging}, {@code prod} and its first data key. */
public final class CreateProject {
    private final Audit audit;
    private final PlanPolicy limits;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Projects projects;
    private final KeyHierarchy keys;
    private final Transactions tx;
    private final Clock clock;

    public CreateProject(Tenancy tenancy, ApiUsage usage, Projects projects, KeyHierarchy keys, Transactions tx, Clock clock, PlanPolicy limits, Audit audit) {
        this.limits = limits;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.projects = projects;
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
    }

    public ProjectView create(Caller caller, String orgRef, String rawName, String rawSlug) {
        String name = Names.require("name", rawName);
        Slug slug = rawSlug == null ? Slug.derive(name) : Slug.of("slug", rawSlug);
        return tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            usage.charge(caller, in.org().id());
            in.access().requireOrgWideAdmin("create projects");
            if (projects.bySlug(in.org().id(), slug).isPresent()) {
                throw Rejection.conflict("project_exists", "A project with slug '" + slug + "' already exists.");
            }
            return insert(in, caller, slug, name, null);
        });
    }

    /**
     * Inserts a project with the default environments and its first data key, within the plan's project
     * limit, and audits it. Inside the caller's transaction, after the caller's own checks.
     */
    ProjectView insert(Tenancy.InOrg in, Caller caller, Slug slug, String name, String auditDetail) {
        limits.requireRoomForProject(in.org().id());
        Project project = new Project(UUID.randomUUID(), in.org().id(), slug, name, 1, clock.instant());
        List<Environment> envs = Environment.defaultsFor(project.id());
        projects.insert(project, envs, keys.newProjectKey(in.org().id(), project.id(), 1));
        audit.record(in.org().id(), caller, "project.created", "org/" + in.org().slug() + "/project/" + slug, auditDetail);
        return new ProjectView(project, envs);
    }
}
