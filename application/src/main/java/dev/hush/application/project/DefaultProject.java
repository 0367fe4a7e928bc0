package dev.hush.application.project;

import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Transactions;
import dev.hush.application.secret.Retries;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Permission;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Project;
import dev.hush.domain.tenant.Slug;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The organization's {@code default} project, where the Crate Secrets API keeps its secrets: created on
 * first use. The Crate API is for organization admins: {@link #requireAdmin} checks the role first.
 */
public final class DefaultProject {
    public static final String SLUG = "default";

    private final dev.hush.application.audit.Audit audit;
    private final dev.hush.application.plan.PlanPolicy limits;
    private final Tenancy tenancy;
    private final Projects projects;
    private final KeyHierarchy keys;
    private final Transactions tx;
    private final Clock clock;

    public DefaultProject(Tenancy tenancy, Projects projects, KeyHierarchy keys, Transactions tx, Clock clock, dev.hush.application.plan.PlanPolicy limits, dev.hush.application.audit.Audit audit) {
        this.limits = limits;
        this.audit = audit;
        this.tenancy = tenancy;
        this.projects = projects;
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
    }

    /** Admin or owner of the organization (404 for a non-member, 403 for a lower role). */
    public void requireAdmin(Caller caller, String orgRef) {
        tx.read(() -> {
            checkAdmin(tenancy.org(caller, orgRef));
            return null;
        });
    }

    /** Whether the default project exists (after the admin check). */
    public boolean exists(Caller caller, String orgRef) {
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            checkAdmin(in);
            return projects.bySlug(in.org().id(), new Slug(SLUG)).isPresent();
        });
    }

    /** Creates the default project when missing; a credential that may write to it may create it. */
    public void ensure(Caller caller, String orgRef) {
        Retries.onConflict(() -> tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            checkAdmin(in);
            Slug slug = new Slug(SLUG);
            if (projects.bySlug(in.org().id(), slug).isPresent()) {
                return null;
            }
            if (!in.access().scope().coversProject(SLUG) || !in.access().scope().allows(Permission.WRITE)) {
                throw Rejection.notFound("project");
            }
            limits.requireRoomForProject(in.org().id());
            Project project = new Project(UUID.randomUUID(), in.org().id(), slug, "Default", 1, clock.instant());
            List<Environment> envs = Environment.defaultsFor(project.id());
            projects.insert(project, envs, keys.newProjectKey(in.org().id(), project.id(), 1));
            audit.record(in.org().id(), caller, "project.created", "org/" + in.org().slug() + "/project/" + SLUG, "default project, on first use");
            return null;
        }));
    }

    private static void checkAdmin(Tenancy.InOrg in) {
        if (!in.access().role().canAdminister()) {
            throw Rejection.forbidden("The Crate Secrets API needs the Admin or Owner role in the organization.");
        }
    }
}
