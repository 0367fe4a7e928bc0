package dev.hush.application.project;

import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Transactions;
import dev.hush.application.secret.Retries;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Permission;
import dev.hush.domain.tenant.Slug;

/**
 * The organization's {@code default} project, where the Crate Secrets API keeps its secrets: created on
 * first use. The Crate API is for organization admins: {@link #requireAdmin} checks the role first.
 */
public final class DefaultProject {
    public static final String SLUG = "default";

    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Projects projects;
    private final Transactions tx;
    private final CreateProject create;

    public DefaultProject(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx, CreateProject create) {
        this.tenancy = tenancy;
        this.usage = usage;
        this.projects = projects;
        this.tx = tx;
        this.create = create;
    }

    /** Admin or owner of the organization (404 for a non-member, 403 for a lower role). */
    public void requireAdmin(Caller caller, String orgRef) {
        tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            usage.charge(caller, in.org().id());
            checkAdmin(in);
            return null;
        });
    }

    /** Whether the default project exists (after the admin check). */
    public boolean exists(Caller caller, String orgRef) {
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            usage.charge(caller, in.org().id());
            checkAdmin(in);
            return projects.bySlug(in.org().id(), new Slug(SLUG)).isPresent();
        });
    }

    /** Creates the default project when missing; a credential that may write to it may create it. */
    public void ensure(Caller caller, String orgRef) {
        Retries.onConflict(() -> tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            usage.charge(caller, in.org().id());
            checkAdmin(in);
            Slug slug = new Slug(SLUG);
            if (projects.bySlug(in.org().id(), slug).isPresent()) {
                return null;
            }
            if (!in.access().scope().coversProject(SLUG) || !in.access().scope().allows(Permission.WRITE)) {
                throw Rejection.notFound("project");
            }
            create.insert(in, caller, slug, "Default", "default project, on first use");
            return null;
        }));
    }

    private static void checkAdmin(Tenancy.InOrg in) {
        if (!in.access().role().canAdminister()) {
            throw Rejection.forbidden("The Crate Secrets API needs the Admin or Owner role in the organization.");
        }
    }
}
