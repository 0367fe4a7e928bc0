package dev.hush.application.project;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.tenant.Environment;
import dev.hush.domain.tenant.Names;
import dev.hush.domain.tenant.ReadLevel;
import dev.hush.domain.tenant.Slug;
import java.util.UUID;

/** Adds a custom environment with a read level (default {@code prod}, the most restricted); owner/admin. */
public final class AddEnvironment {
    private final Audit audit;
    private final PlanPolicy limits;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Projects projects;
    private final Transactions tx;

    public AddEnvironment(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx, PlanPolicy limits, Audit audit) {
        this.limits = limits;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.projects = projects;
        this.tx = tx;
    }

    public Environment add(Caller caller, String orgRef, String projectSlug, String rawSlug, String rawName, String readLevel) {
        Slug slug = Slug.of("slug", rawSlug);
        String name = rawName == null ? slug.value() : Names.require("name", rawName);
        ReadLevel level = ReadLevel.parse("readLevel", readLevel);
        return tx.write(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            Tenancy.InProject in = tenancy.project(org, projectSlug);
            in.access().requireProjectAdmin(in.project(), "add environments");
            if (projects.environment(in.project().id(), slug).isPresent()) {
                throw Rejection.conflict("environment_exists", "Environment '" + slug + "' already exists.");
            }
            limits.requireRoomForEnvironment(in.org().id(), in.project().id());
            Environment env = new Environment(UUID.randomUUID(), in.project().id(), slug, name, level);
            projects.insertEnvironment(env);
            audit.record(in.org().id(), caller, "environment.created", "org/" + in.org().slug() + "/project/" + in.project().slug()
                    + "/env/" + slug, "read level " + level.wire());
            return env;
        });
    }
}
