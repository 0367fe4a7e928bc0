package dev.hush.application.tenant;

import dev.hush.application.port.Members;
import dev.hush.application.port.Organizations;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.sealed.OrgPublicKey;
import dev.hush.domain.access.Role;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Creates an organization with its own key-encryption key (and sealing key pair, now or later); the creator becomes its owner. Runs inside the caller's transaction. */
public final class CreateOrganization {
    private final Organizations organizations;
    private final Members members;
    private final OrgKeyPairs keyPairs;
    private final Clock clock;

    public CreateOrganization(Organizations organizations, Members members, OrgKeyPairs keyPairs, Clock clock) {
        this.organizations = organizations;
        this.members = members;
        this.keyPairs = keyPairs;
        this.clock = clock;
    }

    /** Makes the organization's RSA key pair: call before the transaction, hand the result to {@link #create}. */
    public OrgKeyPairs.Prepared prepare() { return OrgKeyPairs.prepare(); }

    /** With {@code uniqueSuffix}, a taken slug gets a random suffix instead of failing (personal orgs). */
    /**
     * With {@code prepared} the organization gets its key pair at once; without, only its KEK, and the pair
     * comes from {@link OrgPublicKey#ensure} (a sign-up does not wait for RSA).
     */
    public Organization create(UUID ownerId, Slug slug, String name, boolean uniqueSuffix, OrgKeyPairs.Prepared prepared) {
        Slug chosen = slug;
        if (uniqueSuffix) {
            while (organizations.slugTaken(chosen)) {
                chosen = new Slug(slug.value() + "-" + UUID.randomUUID().toString().substring(0, 6));
            }
        }
        Instant now = clock.instant();
        Organization org = new Organization(UUID.randomUUID(), chosen, name, now);
        if (prepared == null) {
            organizations.insert(org, keyPairs.newOrganizationKek(org.id()));
        } else {
            var keys = keyPairs.newOrganizationKeys(org.id(), prepared);
            organizations.insert(org, keys.kek());
            keyPairs.storeFirst(org.id(), prepared, keys.wrappedSecret(), now);
        }
        members.addMember(org.id(), ownerId, Role.OWNER, now);
        return org;
    }
}
