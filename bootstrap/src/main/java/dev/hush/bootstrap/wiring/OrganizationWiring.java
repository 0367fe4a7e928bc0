package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.member.ManageOrganizations;
import dev.hush.application.member.Membership;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Mailer;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.application.project.AddEnvironment;
import dev.hush.application.project.CreateProject;
import dev.hush.application.project.DefaultProject;
import dev.hush.application.project.DeleteProject;
import dev.hush.application.project.ListProjects;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.tenant.CreateOrganization;
import dev.hush.application.tenant.Tenancy;
import dev.hush.web.support.PublicUrl;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Organizations, their members and invites, projects and environments. */
@Factory
final class OrganizationWiring {
    @Singleton
    CreateOrganization createOrganization(Organizations organizations, OrgKeyPairs keyPairs, Clock clock) {
        return new CreateOrganization(organizations, keyPairs, clock);
    }

    @Singleton
    ManageOrganizations manageOrganizations(Tenancy tenancy, Organizations organizations, CreateOrganization createOrganization,
                                            KeyHierarchy keys, Transactions tx, Audit audit) {
        return new ManageOrganizations(tenancy, organizations, createOrganization, keys, tx, audit);
    }

    @Singleton
    Membership membership(Tenancy tenancy, Organizations organizations, Users users, Mailer mailer, Transactions tx, Clock clock,
                          PublicUrl publicUrl, Audit audit, PlanPolicy limits) {
        return new Membership(tenancy, organizations, users, mailer, tx, clock, publicUrl, limits, audit);
    }

    @Singleton
    CreateProject createProject(Tenancy tenancy, Projects projects, KeyHierarchy keys, Transactions tx, Clock clock, Audit audit,
                                PlanPolicy limits) {
        return new CreateProject(tenancy, projects, keys, tx, clock, limits, audit);
    }

    @Singleton
    ListProjects listProjects(Tenancy tenancy, Projects projects, Transactions tx) { return new ListProjects(tenancy, projects, tx); }

    @Singleton
    DeleteProject deleteProject(Tenancy tenancy, Projects projects, KeyHierarchy keys, Transactions tx, Audit audit) {
        return new DeleteProject(tenancy, projects, keys, tx, audit);
    }

    @Singleton
    AddEnvironment addEnvironment(Tenancy tenancy, Projects projects, Transactions tx, Audit audit, PlanPolicy limits) {
        return new AddEnvironment(tenancy, projects, tx, limits, audit);
    }

    @Singleton
    DefaultProject defaultProject(Tenancy tenancy, Projects projects, Transactions tx, CreateProject create) {
        return new DefaultProject(tenancy, projects, tx, create);
    }
}
