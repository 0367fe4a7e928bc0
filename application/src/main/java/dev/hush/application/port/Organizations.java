package dev.hush.application.port;

import dev.hush.domain.access.Role;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored organizations, their wrapped key-encryption keys and their members. */
public interface Organizations {
    /** Inserts; fails with a conflict rejection when the slug is taken. */
    void insert(Organization org, WrappedKeyBlob kek);

    Optional<Organization> byId(UUID id);

    Optional<Organization> bySlug(Slug slug);

    boolean slugTaken(Slug slug);

    Optional<WrappedKeyBlob> kek(UUID orgId);

    void addMember(UUID orgId, UUID userId, Role role, Instant now);

    Optional<Role> role(UUID orgId, UUID userId);

    /** The organization with this id, with the user's role there; empty when it does not exist or they are no member. */
    Optional<Membership> membership(UUID orgId, UUID userId);

    /** Same, by slug: one query. */
    Optional<Membership> membership(Slug slug, UUID userId);

    /** The caller's organizations with the caller's role in each, ordered by slug. */
    List<Membership> membershipsOf(UUID userId);

    long count();

    /** The distinct ids of the root keys that wrapped the stored organization keys. */
    List<String> rootKeyIds();

    /** One organization of a user, with the user's role there. */
    record Membership(Organization org, Role role) {}
}
