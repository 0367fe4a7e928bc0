package dev.hush.application.tenant;

import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.port.Organizations;
import dev.hush.domain.access.Role;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Creates an organization with its own key-encryption key; the creator becomes its owner. Runs inside the caller's transaction. */
public final class CreateOrganization {
    private final Organizations organizations;
    private final KeyHierarchy keys;
    private final Clock clock;

    public CreateOrganization(Organizations organizations, KeyHierarchy keys, Clock clock) {
        this.organizations = organizations;
        this.keys = keys;
        this.clock = clock;
    }

    /** With {@code uniqueSuffix}, a taken slug gets a random suffix instead of failing (personal orgs). */
    public Organization create(UUID ownerId, Slug slug, String name, boolean uniqueSuffix) {
        Slug chosen = slug;
        if (uniqueSuffix) {
            while (organizations.slugTaken(chosen)) {
                chosen = new Slug(slug.value() + "-" + UUID.randomUUID().toString().substring(0, 6));
            }
        }
        Instant now = clock.instant();
        Organization org = new Organization(UUID.randomUUID(), chosen, name, now);
        organizations.insert(org, keys.newOrganizationKey(org.id()));
        organizations.addMember(org.id(), ownerId, Role.OWNER, now);
        return org;
    }
}
