package dev.hush.application.project;

import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import java.util.List;

/** The projects of an organization that the caller's credential covers. */
public final class ListProjects {
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Projects projects;
    private final Transactions tx;

    public ListProjects(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx) {
        this.tenancy = tenancy;
        this.usage = usage;
        this.projects = projects;
        this.tx = tx;
    }

    public List<ProjectView> list(Caller caller, String orgRef) {
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            usage.charge(caller, in.org().id());
            return projects.list(in.org().id()).stream()
                    .filter(p -> in.access().maySeeProject(p))
                    .map(p -> new ProjectView(p, projects.environments(p.id())))
                    .toList();
        });
    }

    public ProjectView describe(Caller caller, String orgRef, String slug) {
        return tx.read(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            Tenancy.InProject in = tenancy.project(org, slug);
            return new ProjectView(in.project(), projects.environments(in.project().id()));
        });
    }
}
