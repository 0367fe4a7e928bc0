package dev.hush.application.member;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.CreateOrganization;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.audit.AuditEvent;
import dev.hush.domain.tenant.Names;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;

/** Creates organizations (the caller becomes owner) and deletes them with all their data and keys (owner only). */
public final class ManageOrganizations {
    private final Audit audit;
    private final Tenancy tenancy;
    private final Organizations organizations;
    private final CreateOrganization createOrganization;
    private final KeyHierarchy keys;
    private final Transactions tx;

    public ManageOrganizations(Tenancy tenancy, Organizations organizations, CreateOrganization createOrganization, KeyHierarchy keys,
                               Transactions tx, Audit audit) {
        this.audit = audit;
        this.tenancy = tenancy;
        this.organizations = organizations;
        this.createOrganization = createOrganization;
        this.keys = keys;
        this.tx = tx;
    }

    public Organization create(Caller caller, String rawName, String rawSlug) {
        if (caller.viaToken() && (caller.scope().orgId().isPresent() || !caller.scope().projects().isEmpty())) {
            throw Rejection.forbidden("A token limited to an organization may not create organizations.");
        }
        String name = Names.require("name", rawName);
        Slug slug = rawSlug == null ? Slug.derive(name) : Slug.of("slug", rawSlug);
        var prepared = createOrganization.prepare();
        return tx.write(() -> {
            if (organizations.slugTaken(slug)) {
                throw Rejection.conflict("organization_exists", "The slug '" + slug + "' is taken.");
            }
            Organization org = createOrganization.create(caller.userId(), slug, name, false, prepared);
            audit.record(org.id(), caller, "org.created", "org/" + org.slug(), null);
            return org;
        });
    }

    /** Owners and admins change the organization's display name; its slug, in every URL and token scope, stays. */
    public Organization rename(Caller caller, String orgRef, String rawName) {
        String name = Names.require("name", rawName);
        return tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("rename the organization");
            organizations.rename(in.org().id(), name);
            audit.record(in.org().id(), caller, "org.renamed", "org/" + in.org().slug(), null);
            return new Organization(in.org().id(), in.org().slug(), name, in.org().createdAt());
        });
    }

    public void delete(Caller caller, String orgRef) {
        // A deletion can lose a race with a background write of the organization's rows (the audit sealer, access
        // statistics): tried again, as a whole.
        Organization org = dev.hush.application.secret.Retries.onConflict(() -> tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOwner("delete the organization");
            // Recorded first: a token scoped to the organization goes with it, and is checked by the record.
            audit.record(AuditEvent.PLATFORM, caller, "org.deleted", "org/" + in.org().slug(), "id " + in.org().id());
            organizations.delete(in.org().id());
            return in.org();
        }));
        keys.forgetOrganization(org.id());
    }
}
