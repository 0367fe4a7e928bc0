package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.member.ManageOrganizations;
import dev.hush.application.member.Membership;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Invites;
import dev.hush.application.port.Mailer;
import dev.hush.application.port.Members;
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
    CreateOrganization createOrganization(Organizations organizations, Members members, OrgKeyPairs keyPairs, Clock clock) {
        return new CreateOrganization(organizations, members, keyPairs, clock);
    }

    @Singleton
    ManageOrganizations manageOrganizations(Tenancy tenancy, Organizations organizations, CreateOrganization createOrganization,
                                            KeyHierarchy keys, Transactions tx, Audit audit) {
        return new ManageOrganizations(tenancy, organizations, createOrganization, keys, tx, audit);
    }

    @Singleton
    Membership membership(Tenancy tenancy, Organizations organizations, Members members, Invites invites, Users users, Mailer mailer, Transactions tx, Clock clock,
                          PublicUrl publicUrl, Audit audit, PlanPolicy limits) {
        return new Membership(tenancy, organizations, members, invites, users, mailer, tx, clock, publicUrl, limits, audit);
    }

    @Singleton
    CreateProject createProject(Tenancy tenancy, ApiUsage usage, Projects projects, KeyHierarchy keys, Transactions tx, Clock clock, Audit audit,
                                PlanPolicy limits) {
        return new CreateProject(tenancy, usage, projects, keys, tx, clock, limits, audit);
    }

    @Singleton
    ListProjects listProjects(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx) { return new ListProjects(tenancy, usage, projects, tx); }

    @Singleton
    DeleteProject deleteProject(Tenancy tenancy, ApiUsage usage, Projects projects, KeyHierarchy keys, Transactions tx, Audit audit) {
        return new DeleteProject(tenancy, usage, projects, keys, tx, audit);
    }

    @Singleton
    AddEnvironment addEnvironment(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx, Audit audit, PlanPolicy limits) {
        return new AddEnvironment(tenancy, usage, projects, tx, limits, audit);
    }

    @Singleton
    DefaultProject defaultProject(Tenancy tenancy, ApiUsage usage, Projects projects, Transactions tx, CreateProject create) {
        return new DefaultProject(tenancy, usage, projects, tx, create);
    }
}
