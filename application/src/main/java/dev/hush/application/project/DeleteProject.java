package dev.hush.application.project;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;

/** Deletes a project with all its environments, secrets, versions and keys (owner only). */
public final class DeleteProject {
    private final Audit audit;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Projects projects;
    private final KeyHierarchy keys;
    private final Transactions tx;

    public DeleteProject(Tenancy tenancy, ApiUsage usage, Projects projects, KeyHierarchy keys, Transactions tx, Audit audit) {
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.projects = projects;
        this.keys = keys;
        this.tx = tx;
    }

    public void delete(Caller caller, String orgRef, String slug) {
        var project = tx.write(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            Tenancy.InProject in = tenancy.project(org, slug);
            in.access().requireOwner("delete projects");
            projects.delete(in.project().id());
            audit.record(in.org().id(), caller, "project.deleted", "org/" + in.org().slug() + "/project/" + in.project().slug(), null);
            return in.project();
        });
        keys.forgetProject(project.id(), project.keyVersion());
    }
}
